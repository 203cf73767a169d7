"""Northwind objects for the URL enumeration (tests/test_security_enumeration.py): a template with a
draft version, a reply waiting for approval and a tracked link. The lead calls ``replies_world``
from that file's ``world`` fixture and fills the path parameters with it (see the report)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from carewatch.inbox.models import Case
from carewatch.replies import actions
from carewatch.replies.models import ReplyDraft, ReplyStatus, Template, TemplateVersion, TrackedLink
from carewatch.tenancy.models import User


@dataclass
class RepliesWorld:
    template: Template
    version: TemplateVersion  # a draft: an agent may send it to review ("op": "submit")
    reply: ReplyDraft  # waiting for a reviewer's approval, written by ``author``
    link: TrackedLink


def replies_world(case: Case, author: User) -> RepliesWorld:
    """``author``: a Northwind supervisor or agent (not the user who will approve)."""
    with transaction.atomic():
        template = actions.do_create_template(author, case.client, "enumeration", "en", "general_question")
        version = actions.do_new_version(author, template, "Hi {handle}, thanks for writing!")
        reply = ReplyDraft.objects.create(
            client=case.client, case=case, channel=case.channel, verb="reply", target_external_id="m-enumeration",
            author=author, text="Thanks, see https://northwind.example/help", status=ReplyStatus.PENDING_APPROVAL,
            approval_reasons=["free text (no approved template)"], required_tier="reviewer",
        )
        link = TrackedLink.objects.create(code="EnUm1234", client=case.client, reply=reply, case=case,
                                          platform=case.platform, target_url="https://northwind.example/help")
    return RepliesWorld(template=template, version=version, reply=reply, link=link)
