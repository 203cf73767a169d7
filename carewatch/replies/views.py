"""Composing, linting and approving replies on the case page; the template library; the public
short-link redirect. Thin views over ``replies.actions``; every object through the access helpers."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from carewatch.audit.chain import append
from carewatch.identity.models import Meaning
from carewatch.identity.signatures import reauthenticate, record_signature, signatures_for
from carewatch.inbox.models import Case
from carewatch.replies import actions, gate, library
from carewatch.replies.links import CODE, destination
from carewatch.replies.lint import lint
from carewatch.replies.models import Category, ReplyDraft, Template, TemplateVersion, TrackedLink, VersionStatus
from carewatch.replies.policy import policy_for
from carewatch.replies.templatetags.replies_tags import refused_key
from carewatch.replies.version_pdf import version_pdf
from carewatch.tenancy.access import access_client, access_object, require_role, role_for, visible_clients
from carewatch.tenancy.models import CASE_WRITE_ROLES, User


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _case(request: HttpRequest, case_id: int) -> Case:
    return access_object(_user(request), Case.objects.select_related("client", "channel", "author"), case_id,
                         CASE_WRITE_ROLES)


def _version(case: Case, value: str) -> TemplateVersion | None:
    if not value:
        return None
    if not value.isdigit():
        raise Http404("No such template")
    version = TemplateVersion.objects.select_related("template").filter(pk=int(value), client_id=case.client_id).first()
    if version is None:
        raise Http404("No such template")
    return version


def _to_case(case_id: int) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("inbox:case", args=[case_id]) + "#composer")


@login_required
@require_POST
def lint_view(request: HttpRequest, case_id: int) -> HttpResponse:
    """The composer's findings as the agent types (htmx), with the edit ratio against the template."""
    user = _user(request)
    case = _case(request, case_id)
    text = request.POST.get("text", "")[:10_000]
    version = _version(case, request.POST.get("template_version", ""))
    policy = policy_for(case.client)
    ratio = None
    if version is not None:
        rendered = library.render(version.body, library.values_for(case.client, case, user, policy))
        ratio = 0.0 if library.same_words(rendered, text) else library.edit_ratio(rendered, text)
    findings = lint(case.client, text, case, version, user=user) if text.strip() else []
    items = [{**f.as_dict(), "words": text[f.start:f.end] if f.end - f.start < len(text) else ""}
             for f in findings]
    return render(request, "replies/_findings.html", {
        "findings": items, "text": text, "blocked": any(f.blocking for f in findings), "ratio": ratio,
        "max_ratio": policy.max_edit_ratio, "over": ratio is not None and ratio > policy.max_edit_ratio,
        "free_text_refused": version is None and not policy.free_text and bool(text.strip()),
    })


@login_required
@require_POST
def compose_view(request: HttpRequest, case_id: int) -> HttpResponse:
    user = _user(request)
    case = _case(request, case_id)
    version = _version(case, request.POST.get("template_version", ""))
    try:
        draft = actions.do_compose(user, case, request.POST.get("text", ""), version)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        # The composer on the case page shows the refused words again, to be corrected, not retyped.
        request.session[refused_key(case.pk)] = {"text": request.POST.get("text", "")[:10_000],
                                                 "template_version": request.POST.get("template_version", "")}
        return _to_case(case.pk)
    if draft.status == "pending_approval":
        messages.success(request, f"Reply #{draft.pk} waits for approval: {', '.join(draft.approval_reasons)}.")
    else:
        messages.success(request, f"Reply #{draft.pk} is queued for sending.")
    return _to_case(case.pk)


def _draft(request: HttpRequest, reply_id: int) -> ReplyDraft:
    draft = access_object(_user(request), ReplyDraft.objects.select_related("case", "client"), reply_id)
    role = role_for(_user(request), draft.client_id)
    if not gate.may_approve(role, draft.required_tier or "reviewer", _user(request).email, draft.approver_emails):
        raise PermissionDenied("Your role does not allow approving this reply")
    return draft


@login_required
@require_POST
def approve_view(request: HttpRequest, reply_id: int) -> HttpResponse:
    draft = _draft(request, reply_id)
    user = _user(request)
    try:
        # Approving a reply is an electronic signature: re-authentication at the moment of signing.
        method = reauthenticate(user, request.POST.get("signature", ""))
        with transaction.atomic():
            actions.do_approve_reply(user, draft)
            record_signature(user, method, meaning=Meaning.APPROVED, record=draft, client_id=draft.client_id)
        messages.success(request, f"Reply #{draft.pk} approved and queued for sending.")
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return _to_case(draft.case_id)


@login_required
@require_POST
def reject_view(request: HttpRequest, reply_id: int) -> HttpResponse:
    draft = _draft(request, reply_id)
    try:
        actions.do_reject_reply(_user(request), draft, request.POST.get("reason", ""))
        messages.success(request, f"Reply #{draft.pk} rejected.")
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return _to_case(draft.case_id)


# ------------------------------------------------------------------ the template library
@login_required
@require_GET
def templates_view(request: HttpRequest) -> HttpResponse:
    return _templates_page(request)


def _templates_page(request: HttpRequest, kept: dict[str, str] | None = None) -> HttpResponse:
    """The library; ``kept`` is what a refused "new template" form said, shown again in its fields."""
    user = _user(request)
    clients = list(visible_clients(user))
    selected = request.GET.get("client", "")
    if selected:
        clients = [access_client(user, selected)]
    templates = (Template.objects.filter(client__in=clients).select_related("client")
                 .prefetch_related("versions").order_by("client__name", "category", "key", "language"))
    writable = [c for c in clients if role_for(user, c.pk) in actions.TEMPLATE_WRITE_ROLES]
    return render(request, "replies/templates.html", {
        "templates": templates, "clients": clients, "writable": writable, "categories": Category.choices,
        "kept": kept or {"language": "en"},
    })


@login_required
@require_POST
def template_create_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    client = access_client(user, request.POST.get("client", ""), actions.TEMPLATE_WRITE_ROLES)
    try:
        template = actions.do_create_template(user, client, request.POST.get("key", ""),
                                              request.POST.get("language", ""), request.POST.get("category", ""),
                                              request.POST.get("name", ""))
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        return _templates_page(request, {name: request.POST.get(name, "")
                                         for name in ("client", "key", "language", "category", "name")})
    return HttpResponseRedirect(reverse("responses:template", args=[template.pk]))


def _template(request: HttpRequest, template_id: int) -> Template:
    return access_object(_user(request), Template.objects.select_related("client"), template_id)


@login_required
@require_GET
def template_view(request: HttpRequest, template_id: int) -> HttpResponse:
    user = _user(request)
    template = _template(request, template_id)
    role = role_for(user, template.client_id)
    versions = list(template.versions.select_related("author").prefetch_related("approvals__reviewer")
                    .order_by("-number"))
    rows = []
    for i, version in enumerate(versions):
        previous = versions[i + 1] if i + 1 < len(versions) else None
        rows.append({
            "version": version, "diff": library.diff_versions(previous, version) if previous else [],
            "approvals": list(version.approvals.all()),
            "can_approve": (role in actions.TEMPLATE_APPROVER_ROLES and version.status == VersionStatus.IN_REVIEW
                            and version.author_id != user.pk
                            and all(a.reviewer_id != user.pk for a in version.approvals.all())),
            "signatures": signatures_for(version),
        })
    return render(request, "replies/template.html", {
        "template": template, "rows": rows, "can_write": role in actions.TEMPLATE_WRITE_ROLES,
        "can_retire": role in actions.TEMPLATE_RETIRE_ROLES,
        "variables": sorted(library.allowed_variables(policy_for(template.client))),
    })


@login_required
@require_POST
def version_create_view(request: HttpRequest, template_id: int) -> HttpResponse:
    user = _user(request)
    template = access_object(user, Template.objects.select_related("client"), template_id,
                             actions.TEMPLATE_WRITE_ROLES)
    expires_at = None
    raw = request.POST.get("expires", "").strip()
    try:
        if raw:
            day = datetime.fromisoformat(raw).date()
            expires_at = datetime.combine(day + timedelta(days=1), time(0, 0), tzinfo=template.client.tz)
        actions.do_new_version(user, template, request.POST.get("body", ""), expires_at,
                               submit=request.POST.get("submit") == "1")
    except ValueError:
        messages.error(request, "the expiry date must look like 2027-06-30")
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return HttpResponseRedirect(reverse("responses:template", args=[template.pk]))


@login_required
@require_POST
def version_act_view(request: HttpRequest, version_id: int) -> HttpResponse:
    user = _user(request)
    version = access_object(user, TemplateVersion.objects.select_related("template__client"), version_id)
    op = request.POST.get("op", "")
    roles = {"submit": actions.TEMPLATE_WRITE_ROLES, "approve": actions.TEMPLATE_APPROVER_ROLES,
             "retire": actions.TEMPLATE_RETIRE_ROLES}
    if op not in roles:
        raise Http404("No such step")
    require_role(user, version.client_id, roles[op])
    try:
        if op == "submit":
            actions.do_submit_version(user, version)
        elif op == "approve":
            method = reauthenticate(user, request.POST.get("signature", ""))
            with transaction.atomic():
                actions.do_approve_version(user, version)
                record_signature(user, method, meaning=Meaning.APPROVED, record=version,
                                 client_id=version.client_id)
        else:
            actions.do_retire_version(user, version, request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return HttpResponseRedirect(reverse("responses:template", args=[version.template_id]))


@login_required
@require_GET
@never_cache
def version_pdf_view(request: HttpRequest, version_id: int) -> HttpResponse:
    """The version's record as a PDF, with its signature manifest (every role that sees the client)."""
    user = _user(request)
    version = access_object(user, TemplateVersion.objects.select_related("template", "client", "author"), version_id)
    with transaction.atomic():
        append("template.version.export", actor=user, client_id=version.client_id, obj=version,
               data={"format": "pdf", "template": version.template_id, "number": version.number})
    response = HttpResponse(version_pdf(version, user.email), content_type="application/pdf")
    response["Content-Disposition"] = (f'attachment; filename="carewatch-template-{version.template.key}-'
                                       f'v{version.number}.pdf"')
    return response


# ------------------------------------------------------------------ public: the short link
@never_cache
@require_http_methods(["GET", "HEAD"])
def short_link_view(request: HttpRequest, code: str) -> HttpResponse:
    """Public (no login): a tracked link from a sent reply. Counts the click (bots apart) and
    redirects to the target with UTM parameters."""
    if not CODE.match(code):
        raise Http404("No such link")
    link = TrackedLink.objects.select_related("client").filter(code=code).first()
    if link is None:
        raise Http404("No such link")
    if request.method == "GET":
        actions.record_click(link, request.headers.get("User-Agent", ""))
    else:
        actions.record_click(link, "")  # a HEAD is a previewer, never a person: counted as a bot
    response = HttpResponseRedirect(destination(link, link.client.slug))
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response
