"""Shared helpers for the connectors' tests: fixtures from ../shared and channel set-up."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

# ../shared beside the checkout; CAREWATCH_SHARED_DIR when the checkout is elsewhere (a git worktree)
SHARED = Path(os.environ.get("CAREWATCH_SHARED_DIR") or Path(__file__).resolve().parents[2].parent / "shared")
FIXTURES = SHARED / "fixtures"


def fixture_path(relative: str) -> Path:
    path = FIXTURES / relative
    if not path.exists():
        pytest.skip(f"../shared/fixtures/{relative} is absent (shared material not mounted)")
    return path


def fixture_bytes(relative: str) -> bytes:
    return fixture_path(relative).read_bytes()


def fixture_json(relative: str) -> Any:
    return json.loads(fixture_bytes(relative))


def fixture_files(folder: str) -> list[Path]:
    path = FIXTURES / folder
    if not path.exists():
        return []
    return sorted(p for p in path.iterdir() if p.is_file())
