"""Every state change goes through an ``actions.py`` function (permission check + audit event).

The scan counts the ORM writes (create, update, delete, save, bulk writes) in every module that is
not an ``actions`` module. The modules below are the known write paths outside actions, with
how many writes each has today: machinery that stores what arrives or what was sent (the
pipeline's storage, the outbox, delivery logs, counters, the audit chain itself) and demo
loaders. A new module that writes, or a listed one that writes
more, fails this test: put the change in the app's actions (or, for machinery, add it here with
the reason in review).
"""

from __future__ import annotations

from tests.architecture.writes import write_sites

KNOWN = {
    # the audit chain and its head
    "carewatch.audit.chain": 5,
    # storing what arrives: inbound events, mentions, cases, triage results, polling state
    "carewatch.sources.tasks": 8,
    "carewatch.sources.webhooks": 3,
    "carewatch.sources.spool": 1,  # webhook events moved in from the SQLite spool (ignoring those already in)
    "carewatch.sources.polling": 5,
    "carewatch.sources.importer.run": 1,
    "carewatch.sources.youtube.client": 2,
    "carewatch.sources.oauth": 3,  # refreshed platform tokens
    "carewatch.sources.ratelimit": 4,  # rate-limit counters
    "carewatch.inbox.ingest": 5,
    "carewatch.triage.hook": 3,  # the mentions' own triage result and label tag rows (cases: inbox.actions)
    "carewatch.triage.registry": 1,  # ReviewDecision storage step behind triage.actions.do_review_flag
    # what was sent, and its retries: outbox, escalation notices, outgoing webhooks, publishing
    "carewatch.replies.outbox": 5,
    "carewatch.escalation.delivery": 2,
    "carewatch.hooks_out.delivery": 9,
    "carewatch.hooks_out.events": 1,
    "carewatch.content.publishing": 12,
    "carewatch.content.publishers": 1,
    "carewatch.replies.links": 1,  # click counters of tracked links
    "carewatch.notifications.derive": 1,
    "carewatch.reports.rollups": 9,  # derived daily totals
    "carewatch.reports.schedule": 2,
    # sessions, sign-in bookkeeping, heartbeats
    "carewatch.identity.middleware": 2,
    "carewatch.identity.signals": 3,
    "carewatch.identity.signatures": 1,
    "carewatch.identity.passkeys": 4,  # single-use WebAuthn challenges
    "carewatch.notifications.digest": 1,  # a digest claims its notifications
    "carewatch.ops.worker": 3,
    "carewatch.tenancy.models": 1,
    # demo data loaders
    "carewatch.content.demo": 1,
    "carewatch.crisis.demo": 2,
    "carewatch.programs.demo": 1,
    "carewatch.demo.mailbox": 1,
    "carewatch.demo.load": 2,  # the demo password set once for every demo user (one audit event)
}


def test_no_module_outside_actions_writes_model_rows_unless_it_is_a_known_write_path() -> None:
    sites = write_sites()
    new = {module: count for module, count in sites.items() if module not in KNOWN}
    assert new == {}, f"writes outside actions.py: {new}"


def test_no_known_write_path_outside_actions_gains_a_write() -> None:
    sites = write_sites()
    grown = {module: (KNOWN[module], count) for module, count in sites.items()
             if module in KNOWN and count > KNOWN[module]}
    assert grown == {}, f"more writes than before (was, now): {grown}"


def test_the_scan_sees_a_write_the_way_an_action_would_make_it() -> None:
    import ast

    from tests.architecture.writes import is_write

    def calls(source: str) -> list[bool]:
        return [is_write(n) for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Call)
                and isinstance(n.func, ast.Attribute) and n.func.attr in ("create", "update", "save", "delete")]

    assert calls("Case.objects.filter(pk=1).update(priority=3)") == [True]
    assert calls("case.save(update_fields=['priority'])") == [True]
    assert calls("Tag.objects.create(name='x')") == [True]
    assert calls("settings.update({'a': 1})") == [False]
