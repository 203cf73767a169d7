"""Validation of a client's escalation settings (config-as-code)."""

from __future__ import annotations

from typing import Any


def validate_settings(settings: dict[str, Any], where: str) -> None:
    """Raise ValueError naming the offending key for a malformed escalation block."""
