"""What an electronic signature on a template version or a reply covers."""

from __future__ import annotations

from typing import Any

from carewatch.replies.models import ReplyDraft, TemplateVersion


def version_content(version: TemplateVersion, meaning: str) -> dict[str, Any]:
    return {"template": version.template_id, "number": version.number, "body": version.body,
            "expires_at": version.expires_at.isoformat() if version.expires_at else None}


def reply_content(draft: ReplyDraft, meaning: str) -> dict[str, Any]:
    return {"case": draft.case_id, "channel": draft.channel_id, "target": draft.target_external_id,
            "text": draft.text, "template_version": draft.template_version_id}
