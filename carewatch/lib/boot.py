"""Start Django from a command: the ``carewatch`` CLI and each app's sub-commands call these
(they live here, at the bottom of the house, so an app's ``cli.py`` need not import the CLI)."""

from __future__ import annotations

import os


def setup() -> None:
    """Configure Django with Carewatch's settings unless a settings module is already chosen."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "carewatch.settings")
    import django

    django.setup()


def migrate(verbosity: int = 0) -> None:
    """Apply the migrations quietly."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)
