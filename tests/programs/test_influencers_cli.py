"""`carewatch influencers check`: JSONL in, one JSON object per line out; bad lines on stderr."""

from __future__ import annotations

import json
from typing import Any

from click.testing import CliRunner

from carewatch.programs.cli import influencers

LINES = [
    {"id": "ig-1", "platform": "instagram", "text": "#ad My SPF routine with @lumaskin", "material_connection": True,
     "media": "image"},
    {"id": "ig-2", "platform": "instagram", "text": "Loving it\n#skin #glow #ad", "material_connection": True},
    {"id": "tt-3", "platform": "tiktok", "text": "#ad GRWM", "material_connection": True, "media": "video"},
    {"id": "x-4", "platform": "x", "text": "just a tweet", "material_connection": False},
]


def run(text: str) -> Any:
    return CliRunner().invoke(influencers, ["check", "-"], input=text)


def test_each_input_line_gives_one_object_with_the_contract_keys() -> None:
    result = run("\n".join(json.dumps(line) for line in LINES) + "\n")
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["ig-1", "ig-2", "tt-3", "x-4"]
    assert all(list(o) == ["id", "verdict", "disclosure", "fair_balance", "findings"] for o in out)
    assert [o["verdict"] for o in out] == ["pass", "fail", "needs_review", "pass"]
    assert out[3]["disclosure"] == "not_required"
    assert set(out[1]["findings"][0]) == {"rule", "start", "end", "message"}


def test_a_bad_line_is_reported_with_its_number_and_the_others_are_still_checked() -> None:
    text = "\n".join([
        json.dumps(LINES[0]),
        "{not json",
        json.dumps({"id": "no-text", "platform": "instagram", "material_connection": True}),
        json.dumps({**LINES[1], "material_connection": "yes"}),
        json.dumps({**LINES[1], "media": "gif"}),
        json.dumps(LINES[3]),
    ]) + "\n"
    result = run(text)
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["ig-1", "x-4"]
    err = result.stderr
    assert "line 2: not valid JSON" in err
    assert "line 3: missing field(s): text" in err
    assert "line 4: 'material_connection' must be true or false" in err
    assert "line 5: 'media'" in err


def test_a_numeric_id_is_echoed_as_a_number() -> None:
    result = run(json.dumps({**LINES[0], "id": 42}) + "\n")
    assert json.loads(result.stdout)["id"] == 42


def test_the_command_reads_a_file(tmp_path: Any) -> None:
    path = tmp_path / "posts.jsonl"
    path.write_text(json.dumps(LINES[0]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(influencers, ["check", str(path)])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["verdict"] == "pass"


def test_a_client_brings_its_rx_products_and_tokens(northwind: Any) -> None:
    northwind.settings = {"programs": {"disclosure_tokens": ["#NorthwindPartner"]}}
    northwind.save()
    line = {"id": "1", "platform": "instagram", "client": "northwind", "material_connection": True,
            "text": "#NorthwindPartner Glucavio helped me lower my A1C"}
    result = run(json.dumps(line) + "\n")
    out = json.loads(result.stdout)
    assert out["disclosure"] == "pass"
    assert out["fair_balance"] == "fail"


def test_an_unknown_client_is_a_line_error(db: Any) -> None:
    line = {"id": "1", "platform": "instagram", "client": "nope", "material_connection": True, "text": "#ad hi"}
    result = run(json.dumps(line) + "\n")
    assert result.exit_code == 1
    assert "line 1: unknown client 'nope'" in result.stderr
