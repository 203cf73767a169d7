"""Shared helpers for the connectors' tests: the recorded payloads under each platform's fixtures/.

A fixture is named ``<platform package>/<path inside its fixtures/>``, e.g.
``meta/feed-comment-add-211.json`` or ``meta/instagram/wh-comments.json``; each fixtures/ folder
has a SOURCES.md with where every file comes from and its licence.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

PACKAGES = Path(__file__).resolve().parent  # carewatch/sources


def fixture_path(relative: str) -> Path:
    package, _, rest = relative.partition("/")
    path = PACKAGES / package / "fixtures" / rest
    if not path.is_file():
        raise FileNotFoundError(f"no recorded payload {relative} (looked for {path})")
    return path


def fixture_bytes(relative: str) -> bytes:
    return fixture_path(relative).read_bytes()


def fixture_json(relative: str) -> Any:
    return json.loads(fixture_bytes(relative))


def fixture_files(folder: str) -> list[Path]:
    """The recorded payloads (``*.json``) directly in ``<platform package>/fixtures/<rest>``."""
    package, _, rest = folder.partition("/")
    path = PACKAGES / package / "fixtures" / rest
    return sorted(p for p in path.glob("*.json") if p.is_file())
