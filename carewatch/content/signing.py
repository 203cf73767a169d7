"""Electronic signatures on MLR approvals (``carewatch.identity.signatures``).

Each reviewer's approval of a post (one discipline, one exact version) is signed: the signature
covers the post, the discipline and the version, with the SHA-256 recomputed from the version's
words, media, links, channels, product and promotional flag (what the reviewer read). A post's
versions never change, so a signature stays true of the version it names; an edit of the post
makes a new version, and the signatures given to an earlier one no longer approve the post: the
post page says so on the approval and in the history. A signed version changed behind the
application's back no longer hashes to what was signed: the signature shows NOT VALID there, in
the PDF manifests and in ``carewatch audit verify``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from carewatch.content.checks import content_hash
from carewatch.content.models import Post, PostApproval
from carewatch.identity.models import Meaning, Signature
from carewatch.identity.signatures import Check, check, object_type

MEANING = Meaning.APPROVED  # an MLR reviewer approves the version for their discipline


def approval_content(approval: PostApproval, meaning: str) -> dict[str, Any]:
    version = approval.version
    post = approval.post
    return {"post": post.pk, "title": post.title, "discipline": approval.discipline, "version": version.number,
            "content_hash": content_hash(version.variants, version.media, version.links, version.channel_ids,
                                         post.product_id, post.promotional)}


@dataclass(frozen=True)
class SignedApproval:
    """One approval of the post with its signature(s) and whether it still approves the post."""

    approval: PostApproval
    checks: list[Check]
    current_number: int | None  # the post's current version number

    @property
    def applies(self) -> bool:
        """The approval is on the post's current version (an edit since makes it history)."""
        return self.approval.version.number == self.current_number

    @property
    def state(self) -> str:
        if not self.checks:
            return "unsigned"
        if not all(c.valid for c in self.checks):
            return "invalid"
        return "valid" if self.applies else "superseded"

    @property
    def note(self) -> str:
        if self.state == "unsigned":
            return "no electronic signature (given without one)"
        if self.state == "invalid":
            return "NOT VALID: " + "; ".join(sorted({c.problem for c in self.checks if not c.valid}))
        if self.state == "superseded":
            signed = self.approval.version.number
            return (f"NO LONGER APPLIES: the post was edited after it was signed (signed v{signed}, "
                    f"now v{self.current_number})")
        return "valid: matches the version signed"


def signed_approvals(post: Post) -> list[SignedApproval]:
    """Every approval ever given to the post, oldest first, each with its signature checks."""
    approvals = list(PostApproval.objects.filter(post=post).select_related("reviewer", "version", "post")
                     .order_by("at", "pk"))
    by_id: dict[str, list[Check]] = {}
    for signature in (Signature.objects.filter(object_type=object_type(PostApproval),
                                               object_id__in=[str(a.pk) for a in approvals])
                      .order_by("signed_at", "pk")):
        by_id.setdefault(signature.object_id, []).append(check(signature))
    number = post.current.number if post.current is not None else None
    return [SignedApproval(a, by_id.get(str(a.pk), []), number) for a in approvals]
