"""A logging filter that keeps secrets out of log lines, and untrusted values from forging
lines, whatever a caller passes in.

Log lines carry values from outside (webhook account ids, handles, header values). A newline
or carriage return in one would start what looks like a line of its own (``... ERROR forged``),
so every control character of the final message (other than a tab) and the Unicode line and
paragraph separators are written escaped (``\\n``, ``\\r``, ``\\x00``, ``\\u2028``): one record
is always one line.
"""

from __future__ import annotations

import logging
import re

_PATTERNS = [
    (re.compile(r"(?i)(authorization:\s*bearer\s+)[A-Za-z0-9._~+/=-]+"), r"\1[redacted]"),
    (re.compile(r"\bcw_[A-Za-z0-9_-]{20,}\b"), "cw_[redacted]"),
    (
        re.compile(r"(?i)((?:password|secret|token|api_key|access_token)[\"']?\s*[:=]\s*[\"']?)[^\s\"',}]+"),
        r"\1[redacted]",
    ),
]

# C0 controls but the tab, DEL, C1 controls (NEL among them), line/paragraph separators, and
# lone surrogates (which would make the handler's encoder fail).
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _escape_one(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """``text`` on one line: control characters and line separators escaped."""
    return _UNSAFE.sub(_escape_one, text)


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactSecretsFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: let the handler report it as usual
            return True
        cleaned = escape_controls(redact(message))
        if cleaned != message:
            record.msg = cleaned
            record.args = None
        return True
