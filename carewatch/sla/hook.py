"""The pipeline's step after triage and routing: start or update the clocks of the cases these
new messages belong to (a customer's answer resumes a paused clock, starts a next-response clock
and resets the three-touch sequence). Step 7 of ``carewatch.pipeline.order``."""

from __future__ import annotations

from carewatch.inbox.models import Mention
from carewatch.sla.actions import on_new_mentions


def update_clocks(mentions: list[Mention]) -> None:
    on_new_mentions([m.case_id for m in mentions if m.case_id is not None])
