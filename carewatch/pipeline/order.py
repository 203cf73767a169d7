"""The order of the steps every new mention goes through, in one place.

    platform webhook / poller / import
      │  carewatch.sources.webhooks: signature checked on the raw bytes, InboundEvent stored, 2xx
      ▼
    task process_inbound_events (carewatch.sources.tasks): parse, write Author, Mention, Thread, Case
      │  task triage_mentions, enqueued after the batch's writes; takes up to 250 waiting mentions:
      ▼
    screen_new_mentions(), below:
      1. spam      feed the client's campaign index (before screening, so a campaign is seen)
      1b. programs posts by roster influencers checked for disclosure; comments under a sponsored
                   influencer post marked as the client's own (so day 0 is the comment's time)
      2. triage    language, PHI, adverse event, complaint, off-label, urgent, sentiment, spam … (in the
                   worker, in its screening process: triage.screening_process, CAREWATCH_SCREENING_PROCESSES)
      ── one transaction per WRITE_CHUNK mentions (SQLite's one write lock is held briefly) ──
      3. labels    on the mentions, and as label tags, priority and language on their cases
      4. safety    a safety case for every flagged mention (never a flagged mention without one)
      5. escalate  the client's protocols: AE, serious AE, complaint, urgent, PHI exposure, legal
      ── end of transaction ──
      6. routing   each new case once, by the client's rules (team, assignee, approval tier)
      7. SLA       first/next-response clocks, three-touch reset
      8. optional  named steps (UGC rights replies, crisis, content), each can be switched off by name in
                   CAREWATCH_PIPELINE_OFF; nothing can switch off 1-7

Each step is swept again when a task is lost: unscreened mentions (sources.tasks.sweep_unscreened),
flagged mentions without a case (safety.tasks), escalations (escalation.tasks), cases never routed
(routing.tasks), clocks (sla.tasks). No setting removes a compliance step.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings

from carewatch.audit.chain import audit_last
from carewatch.content.publishing import link_comments
from carewatch.crisis.tasks import crisis_step
from carewatch.escalation import hooks as escalation
from carewatch.hooks_out.events import endpoints_read_once
from carewatch.inbox.models import Direction, Mention
from carewatch.programs import steps as programs
from carewatch.routing.hook import route_new_cases
from carewatch.safety.actions import kinds_for, open_from_triage
from carewatch.sla.hook import update_clocks
from carewatch.triage.detectors.spam import observe_mentions
from carewatch.triage.hook import prepare_label_tags, record_results, screen_mentions

Step = Callable[[list[Mention]], None]

WRITE_CHUNK = 25  # screened mentions written (steps 3-5) per transaction

# Optional steps, in order, by the name CAREWATCH_PIPELINE_OFF uses to switch one off.
OPTIONAL_STEPS: dict[str, Step] = {
    "ugc_rights": programs.after_triage,  # replies to UGC rights requests: consent or revocation
    "crisis": crisis_step,  # mentions routed to a live incident; spike detection scheduled
    "content": link_comments,  # comments on a published calendar post linked to it
}


def screen_new_mentions(mentions: list[Mention], *, clocks: bool = True) -> None:
    """Steps 1-8 for a batch of new mentions (inbound ones are screened; every one is routed
    and clocked). Runs in the worker, outside any transaction. ``clocks=False`` (the demo's bulk
    history only) leaves step 7 to the SLA sweeper, which starts the clocks of open cases that
    have none. The clients' outbound-webhook endpoints are read once for the batch's events."""
    with endpoints_read_once():
        _screen_new_mentions(mentions, clocks=clocks)


def _screen_new_mentions(mentions: list[Mention], *, clocks: bool) -> None:
    inbound = [m for m in mentions if m.direction == Direction.INBOUND and m.text]
    observe_mentions(inbound)  # 1
    programs.before_triage(mentions)  # 1b
    screened = screen_mentions(inbound)  # 2 (CPU only: nothing is written yet)
    prepare_label_tags(screened)  # idempotent rows, outside the transactions below
    for start in range(0, len(screened), WRITE_CHUNK):
        with audit_last():  # audit events written at the end: the chain head is the last lock
            written = record_results(screened[start:start + WRITE_CHUNK])  # 3 (those no other worker wrote)
            open_from_triage([m for m in written if kinds_for(m.labels)])  # 4
            escalation.mentions_screened(written)  # 5
    route_new_cases(mentions)  # 6
    if clocks:
        update_clocks(mentions)  # 7
    for name, step in OPTIONAL_STEPS.items():  # 8
        if name not in settings.CAREWATCH_PIPELINE_OFF:
            step(mentions)
