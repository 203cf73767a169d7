"""Every change to a client's programs: permission check, the change, its audit event.

Roster (influencers and their handles), checks of their posts and the correction tasks a failing
check opens, the sponsored posts whose comments are monitored as the client's own; UGC rights
(request, consent, revocation, use); giveaways (definition, §1.10 checks, entries, the draw).
Views, the API, the CLI, config apply and the pipeline steps all call these.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from carewatch.audit.chain import append
from carewatch.inbox.models import Author, Direction, Mention
from carewatch.lib.canonical import canonical_json
from carewatch.programs.check import PostInput, check_post
from carewatch.programs.models import (
    EntryMethod,
    Giveaway,
    GiveawayStatus,
    Influencer,
    InfluencerHandle,
    MaterialConnection,
    PostCheck,
    ProgramTask,
    RightsRequest,
    RightsStatus,
    SponsoredPost,
    TaskStatus,
    Verdict,
)
from carewatch.programs.rules import DEFAULT_CORRECTION, program_settings, rules_for_client
from carewatch.tenancy.access import require_role, role_for
from carewatch.tenancy.models import Client, Platform, Role, Sponsorship, User

PROGRAM_WRITE_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR, Role.AGENT})
ROSTER_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR})
CHECKED_KINDS = frozenset({"post", "mention", "listening", "review"})  # posts, not their comments
SPONSORSHIP_KEY = "program_sponsorship"  # read by safety.clocks.day_zero


def _sha256(value: Any) -> str:
    return hashlib.sha256(canonical_json(value).encode()).hexdigest()


def _audit(action: str, client_id: int, obj: Any, data: dict[str, Any], actor: User | None = None,
           actor_label: str | None = None) -> None:
    append(action, actor=actor, actor_label=actor_label or (None if actor else "programs"), client_id=client_id,
           obj=obj, data=data)


def norm_handle(handle: str) -> str:
    return handle.strip().lstrip("@").lower()


# ================================================================== roster
def _influencer_snapshot(inf: Influencer) -> dict[str, Any]:
    return {
        "name": inf.name, "contract_start": inf.contract_start.isoformat() if inf.contract_start else None,
        "contract_end": inf.contract_end.isoformat() if inf.contract_end else None,
        "material_connection": inf.material_connection, "required_tokens": list(inf.required_tokens),
        "products": list(inf.products), "owner_email": inf.owner_email, "is_active": inf.is_active,
        "handles": sorted(f"{h.platform}:{h.handle}" for h in inf.handles.all()) if inf.pk else [],
    }


def _date(value: Any, where: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None


def clean_roster_entry(spec: dict[str, Any], where: str = "influencer") -> dict[str, Any]:
    """One roster entry (config file or form), checked: raises ValidationError naming the field."""
    name = str(spec.get("name") or "").strip()
    if not name:
        raise ValidationError(f"{where}: each influencer needs a name")
    where = f"{where} {name}"
    connection = str(spec.get("material_connection") or MaterialConnection.PAID)
    if connection not in MaterialConnection.values:
        raise ValidationError(f"{where}: material_connection must be one of {', '.join(MaterialConnection.values)}")
    handles_spec = spec.get("handles") or {}
    if not isinstance(handles_spec, dict):
        raise ValidationError(f"{where}: handles must map a platform to a handle (or a list of handles)")
    handles: list[tuple[str, str]] = []
    for platform, value in handles_spec.items():
        if platform not in Platform.values:
            raise ValidationError(f"{where}: unknown platform {platform!r}")
        for handle in value if isinstance(value, list) else [value]:
            if norm_handle(str(handle)):
                handles.append((str(platform), norm_handle(str(handle))))
    for key in ("required_tokens", "products"):
        value = spec.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValidationError(f"{where}: {key} must be a list of strings")
    start = _date(spec.get("contract_start"), f"{where} contract_start")
    end = _date(spec.get("contract_end"), f"{where} contract_end")
    if start and end and end < start:
        raise ValidationError(f"{where}: the contract ends before it starts")
    return {
        "name": name, "material_connection": connection, "handles": sorted(set(handles)),
        "required_tokens": list(spec.get("required_tokens") or []), "products": list(spec.get("products") or []),
        "contract_start": start, "contract_end": end,
        "owner_email": str(spec.get("owner") or spec.get("owner_email") or "").strip().lower(),
        "is_active": bool(spec.get("active", spec.get("is_active", True))),
    }


def _owner_for(client: Client, email: str) -> User | None:
    if not email:
        return None
    user = User.objects.filter(email=email, is_active=True).first()
    if user is None or role_for(user, client.id) not in PROGRAM_WRITE_ROLES:
        return None
    return user


def save_influencer(client: Client, spec: dict[str, Any], *, actor: User | None = None,
                    actor_label: str | None = None, where: str = "influencer") -> tuple[Influencer, list[str]]:
    """Create or update one roster entry by name; returns it and the fields that changed ([] if none).
    Must run in a transaction (config apply holds one; do_save_influencer opens one)."""
    data = clean_roster_entry(spec, where)
    handles = data.pop("handles")
    taken = (InfluencerHandle.objects.filter(client=client, platform__in=[p for p, _ in handles])
             .exclude(influencer__name=data["name"]).select_related("influencer"))
    for h in taken:
        if (h.platform, h.handle) in handles:
            raise ValidationError(f"{where}: @{h.handle} on {h.platform} is already {h.influencer.name}'s")
    inf = Influencer.objects.filter(client=client, name=data["name"]).first()
    created = inf is None
    before = _influencer_snapshot(inf) if inf else {}
    if inf is None:
        inf = Influencer(client=client)
    for key, value in data.items():
        setattr(inf, key, value)
    inf.owner = _owner_for(client, inf.owner_email)
    inf.save()
    current = {(h.platform, h.handle) for h in inf.handles.all()}
    wanted = set(handles)
    InfluencerHandle.objects.filter(influencer=inf).exclude(
        pk__in=[h.pk for h in inf.handles.all() if (h.platform, h.handle) in wanted]).delete()
    for platform, handle in sorted(wanted - current):
        InfluencerHandle.objects.create(client=client, influencer=inf, platform=platform, handle=handle)
    after = _influencer_snapshot(inf)
    changed = sorted(k for k in after if before.get(k) != after[k]) if not created else ["created"]
    if changed:
        _audit("programs.influencer.create" if created else "programs.influencer.update", client.id, inf,
               {"influencer": after, "changed": changed}, actor=actor, actor_label=actor_label)
    return inf, changed


def do_save_influencer(actor: User, client: Client, spec: dict[str, Any]) -> Influencer:
    require_role(actor, client.id, ROSTER_ROLES)
    with transaction.atomic():
        inf, _changed = save_influencer(client, spec, actor=actor)
    return inf


def do_deactivate_influencer(actor: User, influencer: Influencer) -> Influencer:
    require_role(actor, influencer.client_id, ROSTER_ROLES)
    with transaction.atomic():
        if influencer.is_active:
            influencer.is_active = False
            influencer.save(update_fields=["is_active", "updated_at"])
            _audit("programs.influencer.deactivate", influencer.client_id, influencer, {"name": influencer.name},
                   actor=actor)
    return influencer


# ================================================================== checks of roster posts
def _roster_index(mentions: Iterable[Mention]) -> dict[tuple[int, str, str], Influencer]:
    keys = {(m.client_id, m.platform, norm_handle(m.author.handle)) for m in mentions if m.author.handle}
    if not keys:
        return {}
    found: dict[tuple[int, str, str], Influencer] = {}
    rows = InfluencerHandle.objects.filter(
        client_id__in={k[0] for k in keys}, platform__in={k[1] for k in keys},
        handle__in={k[2] for k in keys}, influencer__is_active=True).select_related("influencer")
    for h in rows:
        found[(h.client_id, h.platform, h.handle)] = h.influencer
    return found


def _media_of(mention: Mention) -> str:
    meta = mention.platform_meta or {}
    media = str(meta.get("media") or meta.get("media_type") or "").lower()
    if media in ("video", "reel", "reels", "clip", "live"):
        return "video"
    if media in ("image", "photo", "carousel", "carousel_album"):
        return "image"
    return "video" if mention.platform in ("tiktok", "youtube") else "none"


def _correction_message(inf: Influencer, check: PostCheck) -> str:
    template = str(program_settings(inf.client).get("correction_message") or DEFAULT_CORRECTION)
    problems = "; ".join(f["message"] for f in check.findings) or "the disclosure could not be verified"
    values = {"name": inf.name.split()[0], "brand": inf.client.name, "problems": problems,
              "url": check.url or check.external_id}
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), template)


def _run_check(inf: Influencer, mention: Mention, trigger: str) -> PostCheck:
    rules = rules_for_client(inf.client)
    meta = mention.platform_meta or {}
    post = PostInput(
        id=str(mention.pk), platform=mention.platform, text=mention.text, material_connection=inf.has_connection,
        media=_media_of(mention), on_screen_text=str(meta.get("on_screen_text") or ""),
        transcript=str(meta.get("transcript") or ""), paid_partnership_label=bool(meta.get("paid_partnership")),
        required_tokens=list(inf.required_tokens),
    )
    result = check_post(post, rules)
    return PostCheck.objects.create(
        client_id=inf.client_id, influencer=inf, mention=mention, platform=mention.platform,
        external_id=mention.external_id, url=mention.url, text=mention.text, text_sha256=_sha256(mention.text),
        media=post.media, verdict=result["verdict"], disclosure=result["disclosure"],
        fair_balance=result["fair_balance"], findings=result["findings"], trigger=trigger,
        checked_at=timezone.now(),
    )


def _after_check(inf: Influencer, mention: Mention, check: PostCheck, actor: User | None) -> None:
    _audit("programs.post.check", inf.client_id, check, {
        "influencer": inf.name, "mention": mention.pk, "verdict": check.verdict, "disclosure": check.disclosure,
        "fair_balance": check.fair_balance, "rules": [f["rule"] for f in check.findings],
        "text_sha256": check.text_sha256, "trigger": check.trigger}, actor=actor)
    open_tasks = ProgramTask.objects.filter(client_id=inf.client_id, platform=check.platform,
                                            external_id=check.external_id, status=TaskStatus.OPEN)
    if check.verdict in (Verdict.FAIL, Verdict.NEEDS_REVIEW):
        task = open_tasks.first()
        if task is None:
            owner = inf.owner or _owner_for(inf.client, inf.owner_email)
            kind = "influencer_correction" if check.verdict == Verdict.FAIL else "influencer_review"
            title = (f"Ask {inf.name} to correct a post ({', '.join(sorted({f['rule'] for f in check.findings}))})"
                     if kind == "influencer_correction" else f"Watch {inf.name}'s video for its disclosure")
            task = ProgramTask.objects.create(
                client_id=inf.client_id, kind=kind, influencer=inf, post_check=check, platform=check.platform,
                external_id=check.external_id, assignee=owner, title=title[:240],
                message=_correction_message(inf, check) if kind == "influencer_correction" else "",
                created_at=timezone.now())
            _audit("programs.task.open", inf.client_id, task, {"kind": kind, "check": check.pk,
                                                               "assignee": owner.pk if owner else None})
        else:
            task.post_check = check
            task.save(update_fields=["post_check"])
    else:
        for task in open_tasks:
            task.status = TaskStatus.DONE
            task.closed_at = timezone.now()
            task.close_reason = f"re-check {check.verdict}"
            task.save(update_fields=["status", "closed_at", "close_reason"])
            _audit("programs.task.close", inf.client_id, task, {"reason": task.close_reason, "check": check.pk})


def _register_sponsored(inf: Influencer, mention: Mention) -> None:
    if not inf.has_connection or mention.kind not in ("post", "mention", "listening"):
        return
    _obj, created = SponsoredPost.objects.get_or_create(
        channel_id=mention.channel_id, thread_key=mention.thread_key,
        defaults={"client_id": inf.client_id, "influencer": inf, "external_id": mention.external_id,
                  "mention": mention})
    if created:
        _audit("programs.sponsored_post", inf.client_id, _obj, {"influencer": inf.name, "mention": mention.pk,
                                                                "thread_key": mention.thread_key})


def check_roster_posts(mentions: list[Mention], trigger: str = "ingest") -> list[PostCheck]:
    """The pipeline's step: each inbound post by a roster handle is checked (the history is kept);
    a failing one opens a correction task for the agency owner; a sponsored post's thread is marked
    so that its comments are monitored as the client's own. Idempotent per version of the text."""
    candidates = [m for m in mentions if m.direction == Direction.INBOUND and m.kind in CHECKED_KINDS and m.text]
    roster = _roster_index(candidates)
    checks: list[PostCheck] = []
    if not roster:
        return checks
    with transaction.atomic():
        for mention in candidates:
            inf = roster.get((mention.client_id, mention.platform, norm_handle(mention.author.handle)))
            if inf is None:
                continue
            last = (PostCheck.objects.filter(client_id=mention.client_id, platform=mention.platform,
                                             external_id=mention.external_id).order_by("-id").first())
            if last is not None and last.text_sha256 == _sha256(mention.text):
                continue
            check = _run_check(inf, mention, trigger if last is None else "edit")
            _after_check(inf, mention, check, None)
            _register_sponsored(inf, mention)
            checks.append(check)
    return checks


def do_recheck(actor: User, mention: Mention) -> PostCheck:
    """Check a roster post again by hand (a new row in its history, even if the text is the same)."""
    require_role(actor, mention.client_id, PROGRAM_WRITE_ROLES)
    roster = _roster_index([mention])
    inf = roster.get((mention.client_id, mention.platform, norm_handle(mention.author.handle)))
    if inf is None:
        raise ValidationError("this post is not by an influencer on the client's roster")
    with transaction.atomic():
        check = _run_check(inf, mention, "manual")
        _after_check(inf, mention, check, actor)
        _register_sponsored(inf, mention)
    return check


def recheck_edited(since: timedelta = timedelta(days=30)) -> list[PostCheck]:
    """The sweep for edits (an edit does not pass through the new-mention steps): every roster post
    whose text is no longer the text last checked is checked again."""
    cutoff = timezone.now() - since
    latest: dict[int, str] = {}
    for mention_id, digest in (PostCheck.objects.filter(checked_at__gte=cutoff, mention__isnull=False)
                               .order_by("id").values_list("mention_id", "text_sha256")):
        latest[mention_id] = digest
    changed = [m for m in Mention.objects.filter(pk__in=list(latest)).select_related("author", "client")
               if _sha256(m.text) != latest[m.pk]]
    return check_roster_posts(changed, trigger="edit")


def do_close_task(actor: User, task: ProgramTask, reason: str) -> ProgramTask:
    require_role(actor, task.client_id, PROGRAM_WRITE_ROLES)
    with transaction.atomic():
        task = ProgramTask.objects.select_for_update().get(pk=task.pk)
        if task.status == TaskStatus.OPEN:
            task.status = TaskStatus.DONE
            task.closed_at = timezone.now()
            task.close_reason = (reason or "done")[:200]
            task.save(update_fields=["status", "closed_at", "close_reason"])
            _audit("programs.task.close", task.client_id, task, {"reason": task.close_reason}, actor=actor)
    return task


def mark_sponsored_comments(mentions: list[Mention]) -> int:
    """Comments under a sponsored influencer post are the client's own: the mention carries the
    ``influencer`` sponsorship, so that day 0 of an adverse event is the comment's time."""
    candidates = [m for m in mentions if m.direction == Direction.INBOUND and m.kind in ("comment", "reply")]
    if not candidates:
        return 0
    threads = set(SponsoredPost.objects.filter(
        channel_id__in={m.channel_id for m in candidates},
        thread_key__in={m.thread_key for m in candidates}).values_list("channel_id", "thread_key"))
    marked = [m for m in candidates if (m.channel_id, m.thread_key) in threads
              and (m.platform_meta or {}).get(SPONSORSHIP_KEY) != Sponsorship.INFLUENCER]
    for m in marked:
        m.platform_meta = {**(m.platform_meta or {}), SPONSORSHIP_KEY: Sponsorship.INFLUENCER}
    if marked:
        with transaction.atomic():
            Mention.objects.bulk_update(marked, ["platform_meta"])
    return len(marked)


# ================================================================== UGC rights
DEFAULT_RIGHTS_REQUEST = ("Hi {handle}, we love this post! May {client} share it on our channels? If yes, please "
                          "reply {hashtag} to agree to our terms: {terms_url}")
REVOCATION = re.compile("|".join(f"(?:{p})" for p in (
    r"(?:please )?(?:take|pull) (?:it|this|my (?:photo|post|picture|pic|video)) (?:down|off)",
    r"(?:remove|delete) my (?:photo|post|picture|pic|video)", r"(?:i )?(?:revoke|withdraw) my (?:consent|permission)",
    r"(?:stop|don't|do not) (?:using|use|sharing|share) my (?:photo|post|picture|pic|video)",
    r"no longer (?:ok|okay|consent|agree|want)",
    r"(?:retiren|borren|quiten|eliminen) mi (?:foto|publicaci[oó]n|video|vídeo)",
    r"retiro mi (?:permiso|consentimiento)",
    r"ya no (?:doy|quiero|autorizo)",
    r"(?:retirez|supprimez|enlevez) ma (?:photo|publication|vid[ée]o)",
    r"je retire mon (?:accord|autorisation|consentement)",
    r"(?:bitte )?(?:löscht|entfernt|entfernen sie|löschen sie) (?:mein|meinen) (?:foto|bild|beitrag|video)",
    r"ich ziehe meine (?:erlaubnis|zustimmung|einwilligung) zurück",
)), re.IGNORECASE)


def rights_request_text(client: Client, handle: str) -> tuple[str, str, str, str]:
    """(text, hashtag, terms URL, terms version) from the client's approved UGC template (or its
    configured default); the text must carry the rights hashtag and the terms link."""
    from carewatch.replies.library import active_versions
    from carewatch.replies.models import Category

    conf = program_settings(client)
    hashtag = str(conf.get("rights_hashtag") or "#Yes" + re.sub(r"\W", "", client.name.split()[0]))
    terms_url = str(conf.get("terms_url") or "")
    if not terms_url:
        raise ValidationError("the client has no UGC terms link (programs.terms_url in its configuration)")
    body = str(conf.get("rights_request_message") or DEFAULT_RIGHTS_REQUEST)
    versions = active_versions(client, [Category.UGC_RIGHTS_REQUEST])
    if versions:
        body = versions[0].body
    variables = (client.settings or {}).get("template_variables") or {}  # the client's own, e.g. {ugc_terms_url}
    values = {**{str(k): str(v) for k, v in variables.items()},
              "handle": f"@{handle}", "client": client.name, "hashtag": hashtag, "terms_url": terms_url}
    text = re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), body)
    if hashtag.lower() not in text.lower() or terms_url not in text:
        raise ValidationError("the approved UGC request must carry the rights hashtag and the terms link")
    return text, hashtag, terms_url, str(conf.get("terms_version") or "")


def _evidence(mention: Mention) -> dict[str, Any]:
    """The reply frozen as it was: the same snapshot as a safety case's evidence."""
    from carewatch.safety.actions import snapshot_of

    return snapshot_of(mention)


def do_request_rights(actor: User, mention: Mention) -> RightsRequest:
    require_role(actor, mention.client_id, PROGRAM_WRITE_ROLES)
    if mention.platform not in ("instagram", "tiktok", "x", "facebook"):
        raise ValidationError("rights requests are made on Instagram, TikTok, X or Facebook posts")
    handle = mention.author.handle or mention.author.display_name
    text, hashtag, terms_url, version = rights_request_text(mention.client, handle)
    with transaction.atomic():
        existing = RightsRequest.objects.filter(client_id=mention.client_id, mention=mention).exclude(
            status__in=(RightsStatus.DECLINED, RightsStatus.REVOKED, RightsStatus.EXPIRED)).first()
        if existing is not None:
            return existing
        req = RightsRequest.objects.create(
            client_id=mention.client_id, mention=mention, platform=mention.platform, post_url=mention.url,
            post_text=mention.text, author=mention.author, author_handle=norm_handle(handle), hashtag=hashtag,
            terms_url=terms_url, terms_version=version, request_text=text, requested_by=actor,
            requested_at=timezone.now())
        _audit("programs.rights.request", mention.client_id, req, {"mention": mention.pk, "handle": req.author_handle,
                                                                    "hashtag": hashtag, "terms_version": version},
               actor=actor)
    return req


def _pending_for(mention: Mention) -> list[RightsRequest]:
    handle = norm_handle(mention.author.handle or "")
    return list(RightsRequest.objects.filter(client_id=mention.client_id, platform=mention.platform,
                                             author_handle=handle, requested_at__lte=mention.created_at
                                             + timedelta(minutes=5)).order_by("-requested_at"))


def match_rights_replies(mentions: list[Mention]) -> list[RightsRequest]:
    """The pipeline's step after triage: a reply by the author of a requested post that grants
    consent (the triage ``ugc_consent`` label, or the request's own hashtag) records the consent with
    the reply's frozen evidence; a later "please take it down" records the revocation. The reply is
    still screened like any other (a consent never hides an adverse event)."""
    touched: list[RightsRequest] = []
    inbound = [m for m in mentions if m.direction == Direction.INBOUND and m.text and m.author.handle]
    if not inbound:
        return touched
    handles = {norm_handle(m.author.handle) for m in inbound}
    if not RightsRequest.objects.filter(author_handle__in=handles).exists():
        return touched
    with transaction.atomic():
        for mention in inbound:
            for req in _pending_for(mention):
                if req.mention_id == mention.pk:
                    continue
                if req.status == RightsStatus.REQUESTED and _grants(mention, req):
                    _grant(req, mention)
                    touched.append(req)
                    break
                if req.status == RightsStatus.GRANTED and REVOCATION.search(mention.text):
                    _revoke(req, mention, None)
                    touched.append(req)
                    break
    return touched


def _grants(mention: Mention, req: RightsRequest) -> bool:
    if REVOCATION.search(mention.text):
        return False
    if "ugc_consent" in (mention.labels or []):
        return True
    return bool(re.search(r"(?<![\w#])" + re.escape(req.hashtag) + r"(?!\w)", mention.text, re.IGNORECASE))


def _grant(req: RightsRequest, reply: Mention) -> None:
    evidence = _evidence(reply)
    days = int(program_settings(req.client).get("rights_days") or 0) if req.client_id else 0
    req.status = RightsStatus.GRANTED
    req.reply = reply
    req.answered_at = reply.created_at
    req.evidence = evidence
    req.evidence_sha256 = _sha256(evidence)
    req.expires_at = reply.created_at + timedelta(days=days) if days else None
    req.save()
    _audit("programs.rights.grant", req.client_id, req, {"reply": reply.pk, "evidence_sha256": req.evidence_sha256,
                                                         "handle": req.author_handle}, actor_label="programs")


def _revoke(req: RightsRequest, reply: Mention | None, actor: User | None, reason: str = "") -> None:
    req.status = RightsStatus.REVOKED
    req.revoked_at = reply.created_at if reply else timezone.now()
    if reply is not None:
        req.revocation_evidence = _evidence(reply)
        req.revocation_sha256 = _sha256(req.revocation_evidence)
    else:
        req.revocation_evidence = {"by": actor.email if actor else "", "reason": reason,
                                   "at": req.revoked_at.isoformat()}
        req.revocation_sha256 = _sha256(req.revocation_evidence)
    req.save()
    _audit("programs.rights.revoke", req.client_id, req, {"reply": reply.pk if reply else None,
                                                          "sha256": req.revocation_sha256, "reason": reason},
           actor=actor)


def do_record_decline(actor: User, req: RightsRequest, reason: str) -> RightsRequest:
    require_role(actor, req.client_id, PROGRAM_WRITE_ROLES)
    with transaction.atomic():
        req = RightsRequest.objects.select_for_update().get(pk=req.pk)
        if req.status != RightsStatus.REQUESTED:
            raise ValidationError("only an open request can be declined")
        req.status = RightsStatus.DECLINED
        req.answered_at = timezone.now()
        req.save(update_fields=["status", "answered_at"])
        _audit("programs.rights.decline", req.client_id, req, {"reason": reason[:200]}, actor=actor)
    return req


def do_revoke_rights(actor: User, req: RightsRequest, reason: str) -> RightsRequest:
    require_role(actor, req.client_id, PROGRAM_WRITE_ROLES)
    if not reason.strip():
        raise ValidationError("say why the rights are revoked (e.g. the author asked by e-mail)")
    with transaction.atomic():
        req = RightsRequest.objects.select_for_update().get(pk=req.pk)
        if req.status != RightsStatus.GRANTED:
            raise ValidationError("only granted rights can be revoked")
        _revoke(req, None, actor, reason.strip()[:200])
    return req


def do_record_use(actor: User, req: RightsRequest, where: str) -> RightsRequest:
    require_role(actor, req.client_id, PROGRAM_WRITE_ROLES)
    if not where.strip():
        raise ValidationError("say where the content was used")
    with transaction.atomic():
        req = RightsRequest.objects.select_for_update().get(pk=req.pk)
        if req.status != RightsStatus.GRANTED or (req.expires_at and req.expires_at <= timezone.now()):
            raise ValidationError("the content may only be used while its rights are granted")
        req.usage = [*req.usage, {"where": where.strip()[:300], "at": timezone.now().isoformat(), "by": actor.email}]
        req.save(update_fields=["usage"])
        _audit("programs.rights.use", req.client_id, req, {"where": where.strip()[:300]}, actor=actor)
    return req


def do_set_rights_expiry(actor: User, req: RightsRequest, expires_at: datetime | None) -> RightsRequest:
    """Set (or clear) when granted rights end, e.g. the licence term legal agreed with the author."""
    require_role(actor, req.client_id, PROGRAM_WRITE_ROLES)
    with transaction.atomic():
        req = RightsRequest.objects.select_for_update().get(pk=req.pk)
        if req.status != RightsStatus.GRANTED:
            raise ValidationError("only granted rights have an expiry")
        before = req.expires_at
        req.expires_at = expires_at
        req.save(update_fields=["expires_at"])
        _audit("programs.rights.expiry", req.client_id, req, {
            "from": before.isoformat() if before else None,
            "to": expires_at.isoformat() if expires_at else None}, actor=actor)
    return req


def expire_rights(now: datetime | None = None) -> int:
    now = now or timezone.now()
    expired = 0
    with transaction.atomic():
        for req in RightsRequest.objects.select_for_update().filter(status=RightsStatus.GRANTED,
                                                                    expires_at__lte=now):
            req.status = RightsStatus.EXPIRED
            req.save(update_fields=["status"])
            _audit("programs.rights.expire", req.client_id, req, {"expires_at": req.expires_at.isoformat()
                                                                  if req.expires_at else None})
            expired += 1
    return expired


# ================================================================== giveaways
def _next_giveaway_number(client: Client) -> int:
    last = Giveaway.objects.filter(client=client).order_by("-number").values_list("number", flat=True).first()
    return (last or 0) + 1


GIVEAWAY_FIELDS = ("name", "rules_url", "starts_at", "ends_at", "platforms", "posts", "entry_method", "hashtag",
                   "min_age", "countries", "states", "one_entry_per_person", "employees_excluded",
                   "excluded_handles", "winners_count", "alternates_count", "prize", "prize_value", "prize_is_rx",
                   "purchase_required", "announcement", "registration")


def _giveaway_snapshot(g: Giveaway) -> dict[str, Any]:
    return {k: (getattr(g, k).isoformat() if isinstance(getattr(g, k), datetime) else
                str(getattr(g, k)) if isinstance(getattr(g, k), Decimal) else getattr(g, k)) for k in GIVEAWAY_FIELDS}


def do_define_giveaway(actor: User, client: Client, spec: dict[str, Any]) -> Giveaway:
    """Define a giveaway; its §1.10 checks run now and are stored. A FAIL refuses the definition."""
    from carewatch.programs.giveaway_rules import FAIL, check_giveaway

    require_role(actor, client.id, ROSTER_ROLES)
    unknown = set(spec) - set(GIVEAWAY_FIELDS)
    if unknown:
        raise ValidationError(f"unknown giveaway field(s): {', '.join(sorted(unknown))}")
    g = Giveaway(client=client, created_by=actor, **spec)
    if g.entry_method not in EntryMethod.values:
        raise ValidationError(f"entry_method must be one of {', '.join(EntryMethod.values)}")
    if g.ends_at <= g.starts_at:
        raise ValidationError("the giveaway ends before it starts")
    if g.winners_count < 1:
        raise ValidationError("a giveaway needs at least one winner")
    findings = check_giveaway(g, client)
    if any(f["level"] == FAIL for f in findings):
        raise ValidationError("; ".join(f["message"] for f in findings if f["level"] == FAIL))
    with transaction.atomic():
        g.number = _next_giveaway_number(client)
        g.reference = f"{client.slug.upper()}-GW-{g.number:04d}"
        g.checks = findings
        g.status = GiveawayStatus.OPEN
        g.save()
        _audit("programs.giveaway.define", client.id, g, {"reference": g.reference, **_giveaway_snapshot(g),
                                                          "checks": findings}, actor=actor)
    return g


def collect_entries(giveaway: Giveaway) -> dict[str, int]:
    """Entries from the comments already ingested under the giveaway's posts, each eligible or
    with its reason (duplicate, outside the dates, excluded, no friend tag, no hashtag). Idempotent."""
    from carewatch.programs.models import EntryStatus, GiveawayEntry

    if giveaway.status == GiveawayStatus.DRAWN:
        raise ValidationError("the draw is done: the entry list is frozen")
    posts = [(int(p["channel_id"]), str(p["thread_key"])) for p in giveaway.posts
             if isinstance(p, dict) and "channel_id" in p]
    qs = Mention.objects.none()
    for channel_id, thread_key in posts:
        qs = qs | Mention.objects.filter(channel_id=channel_id, thread_key=thread_key,
                                         kind__in=("comment", "reply"), direction=Direction.INBOUND)
    if giveaway.entry_method == EntryMethod.HASHTAG and giveaway.hashtag:
        qs = qs | Mention.objects.filter(client=giveaway.client, direction=Direction.INBOUND,
                                         text__icontains=giveaway.hashtag)
    excluded = {norm_handle(h) for h in giveaway.excluded_handles}
    if giveaway.employees_excluded:
        excluded |= {norm_handle(h) for h in program_settings(giveaway.client).get("employee_handles") or []}
    counts = {"eligible": 0, "duplicate": 0, "ineligible": 0}
    seen: set[str] = set()
    known = set(GiveawayEntry.objects.filter(giveaway=giveaway).values_list("mention_id", flat=True))
    with transaction.atomic():
        for m in qs.select_related("author").order_by("created_at", "id"):
            handle = norm_handle(m.author.handle or m.author.external_id)
            status, reason = EntryStatus.ELIGIBLE, ""
            if not (giveaway.starts_at <= m.created_at <= giveaway.ends_at):
                status, reason = EntryStatus.INELIGIBLE, "outside the entry period"
            elif handle in excluded:
                status, reason = EntryStatus.INELIGIBLE, "excluded (employee or listed handle)"
            elif giveaway.entry_method == EntryMethod.COMMENT_TAG and not re.search(r"@\w+", m.text):
                status, reason = EntryStatus.INELIGIBLE, "no friend tagged"
            elif (giveaway.entry_method == EntryMethod.HASHTAG and giveaway.hashtag
                  and giveaway.hashtag.lower() not in m.text.lower()):
                status, reason = EntryStatus.INELIGIBLE, f"without {giveaway.hashtag}"
            elif giveaway.one_entry_per_person and handle in seen:
                status, reason = EntryStatus.DUPLICATE, "one entry per person: an earlier entry counts"
            if status == EntryStatus.ELIGIBLE:
                seen.add(handle)
            counts[status] += 1
            if m.pk in known:
                GiveawayEntry.objects.filter(giveaway=giveaway, mention=m).update(status=status, reason=reason)
                continue
            GiveawayEntry.objects.create(client_id=giveaway.client_id, giveaway=giveaway, mention=m,
                                         author_handle=handle, author_external_id=m.author.external_id,
                                         entered_at=m.created_at, status=status, reason=reason)
        _audit("programs.giveaway.collect", giveaway.client_id, giveaway, {"reference": giveaway.reference,
                                                                           **counts})
    return counts


def do_collect_entries(actor: User, giveaway: Giveaway) -> dict[str, int]:
    require_role(actor, giveaway.client_id, PROGRAM_WRITE_ROLES)
    return collect_entries(giveaway)


def do_draw(actor: User, giveaway: Giveaway, seed: str | None = None) -> Giveaway:
    """The draw: the eligible entries frozen (and hashed), a seed from ``secrets``, the named
    algorithm; winners and alternates recorded. Only once."""
    import secrets

    from carewatch.programs.draw import ALGORITHM, draw, freeze_entries
    from carewatch.programs.models import EntryStatus

    require_role(actor, giveaway.client_id, ROSTER_ROLES)
    with transaction.atomic():
        g = Giveaway.objects.select_for_update().get(pk=giveaway.pk)
        if g.status == GiveawayStatus.DRAWN:
            raise ValidationError("this giveaway has been drawn already")
        if timezone.now() < g.ends_at:
            raise ValidationError("the giveaway is still open for entries")
        frozen, digest = freeze_entries(g.entries.filter(status=EntryStatus.ELIGIBLE).order_by("id"))
        if not frozen:
            raise ValidationError("no eligible entries to draw from")
        g.seed = seed or secrets.token_hex(32)
        g.algorithm = ALGORITHM
        g.frozen_entries = frozen
        g.entries_sha256 = digest
        picked = draw(frozen, g.seed, g.winners_count + g.alternates_count)
        g.winners = picked[:g.winners_count]
        g.alternates = picked[g.winners_count:]
        g.drawn_at = timezone.now()
        g.drawn_by = actor
        g.status = GiveawayStatus.DRAWN
        g.save()
        _audit("programs.giveaway.draw", g.client_id, g, {
            "reference": g.reference, "algorithm": g.algorithm, "seed": g.seed, "entries": len(frozen),
            "entries_sha256": digest, "winners": [w["handle"] for w in g.winners],
            "alternates": [a["handle"] for a in g.alternates]}, actor=actor)
    return g


DEFAULT_WINNER_MESSAGE = ("Congratulations {handle}! You are a winner of {giveaway}. Please send us a direct message "
                          "within 72 hours to claim your prize. Official rules: {rules_url}")


def _winner_message(g: Giveaway, handle: str) -> str:
    from carewatch.replies.library import active_versions
    from carewatch.replies.models import Category

    versions = active_versions(g.client, [Category.GIVEAWAY])
    body = versions[0].body if versions else DEFAULT_WINNER_MESSAGE
    values = {"handle": f"@{handle}", "giveaway": g.name, "rules_url": g.rules_url, "client": g.client.name}
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), body)


def do_notify_winners(actor: User, giveaway: Giveaway) -> Giveaway:
    """Notify each drawn winner (the approved giveaway template); recorded, once per winner."""
    require_role(actor, giveaway.client_id, PROGRAM_WRITE_ROLES)
    with transaction.atomic():
        g = Giveaway.objects.select_for_update().select_related("client").get(pk=giveaway.pk)
        if g.status != GiveawayStatus.DRAWN:
            raise ValidationError("draw the giveaway before notifying winners")
        done = {n["handle"] for n in g.notifications}
        added = []
        for w in g.winners:
            if w["handle"] not in done:
                added.append({"handle": w["handle"], "role": "winner", "message": _winner_message(g, w["handle"]),
                              "notified_at": timezone.now().isoformat(), "status": "notified", "reason": ""})
        if added:
            g.notifications = [*g.notifications, *added]
            g.save(update_fields=["notifications"])
            _audit("programs.giveaway.notify", g.client_id, g, {"reference": g.reference,
                                                                "handles": [a["handle"] for a in added]}, actor=actor)
    return g


def do_forfeit_winner(actor: User, giveaway: Giveaway, handle: str, reason: str) -> Giveaway:
    """A winner who did not answer in time (or is ineligible) forfeits; the next alternate in draw
    order is notified in their place."""
    require_role(actor, giveaway.client_id, ROSTER_ROLES)
    handle = norm_handle(handle)
    with transaction.atomic():
        g = Giveaway.objects.select_for_update().select_related("client").get(pk=giveaway.pk)
        notes = [dict(n) for n in g.notifications]
        current = next((n for n in notes if n["handle"] == handle and n["status"] == "notified"), None)
        if current is None:
            raise ValidationError(f"@{handle} is not a notified winner")
        current["status"] = "forfeited"
        current["reason"] = (reason or "no answer in time")[:200]
        used = {n["handle"] for n in notes}
        nxt = next((a for a in g.alternates if a["handle"] not in used), None)
        if nxt is not None:
            notes.append({"handle": nxt["handle"], "role": "alternate", "message": _winner_message(g, nxt["handle"]),
                          "notified_at": timezone.now().isoformat(), "status": "notified", "reason": ""})
        g.notifications = notes
        g.save(update_fields=["notifications"])
        _audit("programs.giveaway.forfeit", g.client_id, g, {"reference": g.reference, "handle": handle,
                                                             "reason": current["reason"],
                                                             "alternate": nxt["handle"] if nxt else None}, actor=actor)
    return g


def owners_open_tasks(user: User) -> int:
    return ProgramTask.objects.filter(assignee=user, status=TaskStatus.OPEN).count()


def authors_for(client: Client, handle: str) -> list[Author]:
    return list(Author.objects.filter(client=client, handle__iexact=norm_handle(handle)))
