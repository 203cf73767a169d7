"""This app's tasks, for the worker (which imports every installed app's ``tasks`` module): the
delivery task and its sweeper are defined in ``delivery``."""

from carewatch.hooks_out import delivery  # noqa: F401
