"""Password rules after NIST SP 800-63B §5.1.1.2: at least 12 characters, at most 128, no
composition rules, refused when common or breached (Django's shipped list), made of the desk's
own words, or one character or sequence repeated."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError

MAX_LENGTH = 128
CONTEXT_WORDS = ("carewatch", "pharmacovigilance", "password", "welcome", "letmein", "qwerty")


class MaximumLengthValidator:
    def validate(self, password: str, user: Any = None) -> None:
        if len(password) > MAX_LENGTH:
            raise ValidationError(f"Use at most {MAX_LENGTH} characters.", code="password_too_long")

    def get_help_text(self) -> str:
        return f"At most {MAX_LENGTH} characters; spaces and any characters are welcome."


class ContextWordsValidator:
    """Refuses a password that is little more than the service's name or a dictionary favourite."""

    def validate(self, password: str, user: Any = None) -> None:
        folded = re.sub(r"[^a-z]", "", password.casefold())
        for word in CONTEXT_WORDS:
            if word in folded and len(password) - len(word) < 6:
                raise ValidationError("This password is mostly a word attackers try first.", code="password_context")

    def get_help_text(self) -> str:
        return "Not built around the service's name or a word attackers try first."


class RepetitionValidator:
    def validate(self, password: str, user: Any = None) -> None:
        if len(set(password)) <= 3 or re.fullmatch(r"(.{1,4})\1+", password):
            raise ValidationError("This password repeats the same characters.", code="password_repetitive")

    def get_help_text(self) -> str:
        return "Not one character or short sequence repeated."
