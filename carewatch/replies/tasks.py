"""This app's tasks, for the worker (which imports every installed app's ``tasks`` module): the
outbox's send task and its sweeper are defined in ``outbox``."""

from carewatch.replies import outbox  # noqa: F401
