"""The demo's logins, as `carewatch demo` prints them, line up in columns a newcomer can read."""

from __future__ import annotations

from carewatch.cli import logins_table
from carewatch.demo.load import DEMO_LOGINS


def test_the_demo_logins_line_up_in_columns_and_say_what_each_column_is() -> None:
    lines = logins_table(DEMO_LOGINS)
    assert lines[0] == "Demo logins (e-mail, role, password):"
    rows = lines[1:]
    assert len(rows) == len(DEMO_LOGINS)
    password_columns = {row.index(password) for row, (_, _, password) in zip(rows, DEMO_LOGINS, strict=True)}
    assert len(password_columns) == 1, "\n".join(lines)
    for row, (email, role, _) in zip(rows, DEMO_LOGINS, strict=True):
        assert row.startswith(f"  {email} ") and f" {role} " in row
