"""Channel secrets: ``env:NAME`` references or Fernet-encrypted values, never plain text at rest."""

from __future__ import annotations

import os

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

ENV_PREFIX = "env:"
ENC_PREFIX = "enc:"


class SecretError(ValueError):
    pass


def _fernet() -> Fernet:
    return Fernet(settings.ENCRYPTION_KEY.encode())


def seal(value: str) -> str:
    """What to store for a secret given in configuration.

    ``env:NAME`` references are kept as references; anything else is encrypted.
    """
    if value.startswith((ENV_PREFIX, ENC_PREFIX)):
        return value
    return ENC_PREFIX + _fernet().encrypt(value.encode()).decode()


def reveal(stored: str) -> str:
    """The secret's value, for the moment it is needed (signature checks, API calls)."""
    if stored.startswith(ENV_PREFIX):
        name = stored[len(ENV_PREFIX):]
        value = os.environ.get(name)
        if value is None:
            raise SecretError(f"environment variable {name} is not set")
        return value
    if stored.startswith(ENC_PREFIX):
        try:
            return _fernet().decrypt(stored[len(ENC_PREFIX):].encode()).decode()
        except InvalidToken as exc:
            raise SecretError("secret cannot be decrypted with CAREWATCH_ENCRYPTION_KEY") from exc
    raise SecretError("secret is stored in plain text")
