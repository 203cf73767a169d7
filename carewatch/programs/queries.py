"""Counts for reports (the reports issue reads these; nothing here changes anything)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db.models import Q

from carewatch.programs.models import GiveawayEntry, PostCheck, RightsRequest, RightsStatus, Verdict


def program_counts(client_ids: Iterable[int], since: datetime, until: datetime) -> dict[str, int]:
    """Influencer posts checked and failing (distinct posts, their latest check in the period),
    UGC rights granted, giveaway entries (eligible and all) in ``[since, until)``."""
    ids = list(client_ids)
    checks = PostCheck.objects.filter(client_id__in=ids, checked_at__gte=since, checked_at__lt=until)
    verdict_by_post: dict[tuple[str, str], str] = {}
    for platform, external_id, verdict in checks.order_by("id").values_list("platform", "external_id", "verdict"):
        verdict_by_post[(platform, external_id)] = verdict  # the latest check of each post wins
    entries = GiveawayEntry.objects.filter(client_id__in=ids, entered_at__gte=since, entered_at__lt=until)
    return {
        "influencer_posts_checked": len(verdict_by_post),
        "influencer_posts_failing": sum(1 for v in verdict_by_post.values() if v == Verdict.FAIL),
        "influencer_checks": checks.count(),
        "ugc_rights_granted": RightsRequest.objects.filter(
            client_id__in=ids, answered_at__gte=since, answered_at__lt=until,
            status__in=(RightsStatus.GRANTED, RightsStatus.REVOKED, RightsStatus.EXPIRED),
            evidence_sha256__gt="").count(),
        "giveaway_entries": entries.count(),
        "giveaway_entries_eligible": entries.filter(Q(status="eligible")).count(),
    }
