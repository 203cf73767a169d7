"""Helpers for the test suite only."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class CheapArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id with minimal cost: same format and algorithm name, fast enough for fixtures."""

    time_cost = 1
    memory_cost = 256
    parallelism = 1
