"""The programs' steps for new mentions (``(mentions) -> None``, see inbox.ingest.run_triage).

- ``before_triage``: posts by roster influencers are checked (and a failing one opens a task);
  comments under a sponsored influencer post are marked as the client's own, so that triage and
  the safety case see the ``influencer`` sponsorship (day 0 = the comment's time).
- ``after_triage``: replies to UGC rights requests are matched (consent, revocation); triage has
  already screened them, so a consent never hides an adverse event.
"""

from __future__ import annotations

from carewatch.inbox.models import Mention
from carewatch.programs.actions import check_roster_posts, mark_sponsored_comments, match_rights_replies


def before_triage(mentions: list[Mention]) -> None:
    check_roster_posts(mentions)
    mark_sponsored_comments(mentions)


def after_triage(mentions: list[Mention]) -> None:
    match_rights_replies(mentions)
