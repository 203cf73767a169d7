"""``POST /api/v1/lint``: the composer's compliance lint for clients' own tools.

``{"client": SLUG, "text": "...", "case_id": optional}`` →
``{"findings": [{"rule", "blocking", "start", "end", "message"}]}``. Who may call it: the
client's staff who may write replies (a read-only role gets 403, another client's 404)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from carewatch.inbox.models import Case
from carewatch.lib.apischema import Int64, ObjectBody
from carewatch.replies.lint import lint
from carewatch.tenancy.access import access_client, access_object
from carewatch.tenancy.models import CASE_WRITE_ROLES, User

router = Router(tags=["replies"])

MAX_TEXT = 10_000


class LintIn(ObjectBody):
    client: str
    text: str
    case_id: Int64 | None = None


class FindingOut(Schema):
    rule: str
    blocking: bool
    start: int
    end: int
    message: str


class LintOut(Schema):
    findings: list[FindingOut]


class Error(Schema):
    detail: str


# The operation id the former responses app gave it (module + name), kept for generated clients.
@router.post("/lint", response={200: LintOut, 403: Error, 404: Error, 422: Error},
             operation_id="carewatch_responses_api_lint_reply")
def lint_reply(request: HttpRequest, body: LintIn) -> dict[str, Any]:
    """The findings of the compliance lint for a reply's text (optionally for a case, whose
    adverse events, questions and platform then count)."""
    user = request.user
    assert isinstance(user, User)
    client = access_client(user, body.client, CASE_WRITE_ROLES)
    case = None
    if body.case_id is not None:
        case = access_object(user, Case.objects.select_related("client", "channel", "author"), body.case_id,
                             CASE_WRITE_ROLES)
        if case.client_id != client.pk:
            from django.http import Http404

            raise Http404("Not found")
    if len(body.text) > MAX_TEXT:
        from django.core.exceptions import ValidationError

        raise ValidationError(f"a reply is at most {MAX_TEXT:,} characters")
    findings = lint(client, body.text, case, user=user)
    return {"findings": [f.as_dict() for f in findings]}
