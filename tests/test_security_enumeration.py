"""Every URL the project serves, enumerated from the URL resolver (the API's too), checked for
tenant isolation (another client's agent: 404, lists show nothing of Northwind), read-only roles
(403 on every write, nothing changed), anonymous access (login or 401; an explicit public set)
and CSRF.

A URL pattern this file does not classify in ROUTES fails the suite: new URLs must be thought
about here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Any
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client as HttpClient
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from carewatch.audit.models import AuditEvent
from carewatch.escalation.models import Escalation
from carewatch.inbox import actions
from carewatch.inbox.models import Case, Mention, Note
from carewatch.replies.models import ReplyDraft
from carewatch.routing.models import RoutingRule
from carewatch.safety.models import SafetyCase
from carewatch.sla.actions import reconcile
from carewatch.sources.models import InboundEvent
from carewatch.tenancy.actions import do_create_token
from carewatch.tenancy.models import Client, Role, User
from tests.conftest import PASSWORD, make_user
from tests.content.world import content_world, fb_channel, review_hash
from tests.crisis.world import crisis_world
from tests.programs.world import ProgramsWorld, programs_world
from tests.replies.world import RepliesWorld, replies_world

NORTHWIND_MARKER = "zebrafinch7731"  # in a Northwind mention; must never reach Contoso's staff
CONTOSO_MARKER = "kingfisher4410"  # in a Contoso mention; proves a list shows what it should
# What of Northwind a list could show: the mention text, its author, channels, the client's name.
NORTHWIND_SECRETS = (NORTHWIND_MARKER, "nwpatient", "NorthwindRx", "northwind_rx", "Northwind Pharma", "northwind")


class Access(Enum):
    PUBLIC = "public"  # anyone, without logging in
    LOGIN = "login"  # pages: anonymous requests are sent to the login page
    API = "api"  # API: anonymous requests get 401
    SIGNED = "signed"  # webhooks: the platform's signature instead of a login
    TOKEN = "token"  # a signed, expiring one-click link (acknowledgements) instead of a login
    NOWHERE = "nowhere"  # answers 404 to everybody


class Scope(Enum):
    NONE = "none"  # no tenant data
    OBJECT = "object"  # names one Northwind object (in the path or the body)
    LIST = "list"  # lists whatever the user may see


@dataclass
class World:
    northwind: Client
    case: Case
    mention: Mention
    safety_case: SafetyCase
    escalation: Escalation
    replies: RepliesWorld
    reply_to_reject: ReplyDraft
    programs: ProgramsWorld | None = None
    crisis: Any = None  # tests.crisis.world.CrisisWorld
    post: Any = None  # content: a draft by alice
    post_in_review: Any = None  # content: alice's post waiting for MLR approval
    publication: Any = None  # content: a publication whose outcome is unknown


Body = Callable[[World], dict[str, Any]]


@dataclass(frozen=True)
class Route:
    access: Access
    scope: Scope
    reads: tuple[str, ...] = ()  # methods that only read
    writes: tuple[str, ...] = ()  # methods that change something
    body: Body | None = None  # a valid body for the write: what alice may do and victor may not
    json: bool = False  # the write body is JSON (API) rather than a form
    form: bool = False  # an HTML form POST, protected by Django's CSRF middleware
    supervisors_only: bool = False  # a viewer is refused (403) even reading
    strict_methods: bool = True  # methods it does not declare answer 405
    names_client: bool = False  # a page for one client named in the query: another client's name is a 404
    changes: bool = True  # False: a POST that only computes (the compliance lint): it must change nothing
    params: dict[str, Callable[[World], str]] | None = None  # path parameters filled differently for this route


ROUTES: dict[str, Route] = {
    "routing:index": Route(Access.LOGIN, Scope.LIST, reads=("GET",), supervisors_only=True),
    "routing:rules": Route(Access.LOGIN, Scope.OBJECT, reads=("GET",), supervisors_only=True),
    "routing:new": Route(Access.LOGIN, Scope.OBJECT, reads=("GET",), writes=("POST",), form=True, supervisors_only=True,
                         body=lambda w: {"name": "New rule", "order": "5", "conditions": "{}",
                                         "actions": '{"tag": "routed"}', "stop": "on", "enabled": "on", "do": "save"}),
    "routing:rule": Route(Access.LOGIN, Scope.OBJECT, reads=("GET",), writes=("POST",), form=True, supervisors_only=True,
                          body=lambda w: {"name": "World rule", "order": "7", "conditions": "{}",
                                          "actions": '{"tag": "renamed"}', "enabled": "on", "do": "save"}),
    "sla:record_touch": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True, body=lambda w: {}),
    # --- settings pages (carewatch.configuration): supervisors and admins ---
    "configuration:index": Route(Access.LOGIN, Scope.LIST, reads=("GET",), supervisors_only=True),
    "configuration:sla": Route(Access.LOGIN, Scope.OBJECT, reads=("GET",), writes=("POST",), form=True,
                               supervisors_only=True,
                               body=lambda w: {"sla": "first_response_minutes: 90", "three_touch": ""}),
    "configuration:protocols": Route(Access.LOGIN, Scope.OBJECT, reads=("GET",), supervisors_only=True),
    "configuration:protocol": Route(Access.LOGIN, Scope.OBJECT, reads=("GET",), writes=("POST",), form=True,
                                    supervisors_only=True, params={"category": lambda w: "product_complaint"},
                                    body=lambda w: {"protocol": "steps:\n  - {notify: [qa@northwind.test]}"}),
    "configuration:rotations": Route(Access.LOGIN, Scope.OBJECT, reads=("GET",), supervisors_only=True),
    "configuration:rotation": Route(Access.LOGIN, Scope.OBJECT, reads=("GET",), writes=("POST",), form=True,
                                    supervisors_only=True, params={"rotation": lambda w: "pv"},
                                    body=lambda w: {"rotation": "handoff: mon 09:00\npeople: [pv@northwind.test]"}),
    "configuration:channels": Route(Access.LOGIN, Scope.OBJECT, reads=("GET",), supervisors_only=True),
    "configuration:channel": Route(Access.LOGIN, Scope.OBJECT, reads=("GET",), writes=("POST",), form=True,
                                   supervisors_only=True,
                                   params={"channel_id": lambda w: str(w.northwind.channels.get(platform="x").pk)},
                                   body=lambda w: {"external_id": "555", "sponsorship": "paid",
                                                   "settings": "pull: true"}),
    "home": Route(Access.LOGIN, Scope.NONE, reads=("GET",), strict_methods=False),  # RedirectView: any method
    "login": Route(Access.PUBLIC, Scope.NONE, reads=("GET",), writes=("POST",), form=True,
                   body=lambda w: {"username": "alice@agency.test", "password": "not it"}),
    "logout": Route(Access.LOGIN, Scope.NONE, writes=("POST",), form=True, body=lambda w: {}),
    "inbox:queue": Route(Access.LOGIN, Scope.LIST, reads=("GET",)),
    "inbox:bulk": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True,
                        body=lambda w: {"case": [str(w.case.pk)], "operation": "tag", "value": "bulked"}),
    "inbox:case": Route(Access.LOGIN, Scope.OBJECT, reads=("GET",)),
    "inbox:assign": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True,
                          body=lambda w: {"assignee": "me"}),
    "inbox:status": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True,
                          body=lambda w: {"status": "escalated"}),
    "inbox:priority": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True,
                            body=lambda w: {"priority": "4"}),
    "inbox:tag": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True, body=lambda w: {"tag": "recall"}),
    "inbox:untag": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True, body=lambda w: {"tag": "existing"}),
    "inbox:note": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True,
                        body=lambda w: {"body": "Called the patient back."}),
    "channels": Route(Access.LOGIN, Scope.LIST, reads=("GET",)),
    "audit": Route(Access.LOGIN, Scope.LIST, reads=("GET",), supervisors_only=True),
    "audit-export": Route(Access.LOGIN, Scope.LIST, reads=("GET",), supervisors_only=True),
    "healthz": Route(Access.PUBLIC, Scope.NONE, reads=("GET",)),
    "webhook": Route(Access.SIGNED, Scope.NONE, reads=("GET",), writes=("POST",)),
    "api:openapi-json": Route(Access.PUBLIC, Scope.NONE, reads=("GET",), strict_methods=False),
    "api:openapi-view": Route(Access.PUBLIC, Scope.NONE, reads=("GET",), strict_methods=False),
    "api:api-root": Route(Access.NOWHERE, Scope.NONE, reads=("GET",), strict_methods=False),
    "api:api_health": Route(Access.PUBLIC, Scope.NONE, reads=("GET",)),
    "api:list_mentions": Route(Access.API, Scope.LIST, reads=("GET",)),
    "api:get_mention": Route(Access.API, Scope.OBJECT, reads=("GET",)),
    "api:list_cases": Route(Access.API, Scope.LIST, reads=("GET",)),
    "api:get_case": Route(Access.API, Scope.OBJECT, reads=("GET",)),
    "api:update_case": Route(Access.API, Scope.OBJECT, writes=("PATCH",), json=True,
                             body=lambda w: {"assignee": "me", "status": "escalated", "priority": 4,
                                             "add_tags": ["recall"], "remove_tags": ["existing"]}),
    "api:add_note": Route(Access.API, Scope.OBJECT, writes=("POST",), json=True,
                          body=lambda w: {"body": "Called the patient back."}),
    "safety:queue": Route(Access.LOGIN, Scope.LIST, reads=("GET",)),
    "safety:case": Route(Access.LOGIN, Scope.OBJECT, reads=("GET",)),
    "safety:act": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True, body=lambda w: {"op": "review"}),
    "safety:open": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True,
                         body=lambda w: {"mention": str(w.safety_case.links.get(is_primary=True).mention_id),
                                         "kind": "product_complaint", "reason": "the pen also leaked, says a DM"}),
    # The PV package: for those who work safety cases; each download is an audit event.
    "safety:e2b": Route(Access.LOGIN, Scope.OBJECT, reads=("GET",), supervisors_only=True),
    "safety:medwatch": Route(Access.LOGIN, Scope.OBJECT, reads=("GET",), supervisors_only=True),
    "safety_reports:reconciliation": Route(Access.LOGIN, Scope.LIST, reads=("GET",), names_client=True),
    "safety_reports:reconciliation-csv": Route(Access.LOGIN, Scope.LIST, reads=("GET",), names_client=True),
    "safety_reports:reconciliation-pdf": Route(Access.LOGIN, Scope.LIST, reads=("GET",), names_client=True),
    "safety_reports:line-listing": Route(Access.LOGIN, Scope.LIST, reads=("GET",), names_client=True),
    "escalation:ack_link": Route(Access.TOKEN, Scope.NONE, reads=("GET",), writes=("POST",), form=True,
                                 body=lambda w: {}),
    "escalation:list": Route(Access.LOGIN, Scope.LIST, reads=("GET",)),
    "escalation:detail": Route(Access.LOGIN, Scope.OBJECT, reads=("GET",)),
    "escalation:ack": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True, body=lambda w: {}),
    # GET (a reloaded form address) redirects to the case or the inbox: no 405 (issue 13).
    "triage:review": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True, strict_methods=False,
                           body=lambda w: {"mention": str(w.safety_case.links.get(is_primary=True).mention_id),
                                           "label": "adverse_event", "decision": "dismiss",
                                           "reason": "a figure of speech, not a reaction"}),
    "responses:lint": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True, changes=False,
                            body=lambda w: {"text": "Thanks for reaching out!"}),
    "responses:compose": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True,
                               body=lambda w: {"text": "Thanks for reaching out, we will DM you."}),
    # A reply is approved (or rejected) by someone other than its author (alice): a supervisor here.
    "responses:approve": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True, supervisors_only=True,
                               body=lambda w: {"signature": PASSWORD}),
    "responses:reject": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True, supervisors_only=True,
                              body=lambda w: {"reason": "Please use the approved template instead"},
                              params={"reply_id": lambda w: str(w.reply_to_reject.pk)}),
    "responses:templates": Route(Access.LOGIN, Scope.LIST, reads=("GET",), names_client=True),
    "responses:template-create": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True,
                                       body=lambda w: {"client": "northwind", "key": "storage",
                                                       "language": "en", "category": "general_question",
                                                       "name": "Storage question"}),
    "responses:template": Route(Access.LOGIN, Scope.OBJECT, reads=("GET",)),
    "responses:version-create": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True,
                                      body=lambda w: {"body": "Hi {handle}, keep the pen in the fridge."}),
    "responses:version-act": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True,
                                   body=lambda w: {"op": "submit"}),
    "responses:version-pdf": Route(Access.LOGIN, Scope.OBJECT, reads=("GET",)),
    "short-link": Route(Access.PUBLIC, Scope.NONE, reads=("GET",), strict_methods=False),
    "api:lint_reply": Route(Access.API, Scope.OBJECT, writes=("POST",), json=True, changes=False,
                            body=lambda w: {"client": "northwind", "text": "Thanks for reaching out!",
                                            "case_id": w.case.pk}),
    "api:list_safety_cases": Route(Access.API, Scope.LIST, reads=("GET",)),
    "api:get_safety_case": Route(Access.API, Scope.OBJECT, reads=("GET",)),
    "api:transition": Route(Access.API, Scope.OBJECT, writes=("POST",), json=True,
                            body=lambda w: {"op": "forward", "recipients": ["pv@northwind.test"],
                                            "signature": PASSWORD}),
    "api:e2b_xml": Route(Access.API, Scope.OBJECT, reads=("GET",), supervisors_only=True),
    "api:medwatch_json": Route(Access.API, Scope.OBJECT, reads=("GET",), supervisors_only=True),
    # --- identity: one's own second factor and sessions (no tenant data); an admin's factor reset ---
    # A wrong code changes nothing: the page answers with the error.
    "identity:setup": Route(Access.LOGIN, Scope.NONE, reads=("GET",), writes=("POST",), form=True, changes=False,
                            body=lambda w: {"code": "000000"}),
    "identity:verify": Route(Access.LOGIN, Scope.NONE, reads=("GET",), writes=("POST",), form=True, changes=False,
                             body=lambda w: {"code": "000000"}),
    "identity:sessions": Route(Access.LOGIN, Scope.NONE, reads=("GET",)),
    # Security keys and passkeys (WebAuthn): one's own keys. The JSON endpoints answer a form post
    # (CSRF token in the body) with {"ok": ...}: a refused or missing key's answer changes nothing.
    "identity:webauthn_register_options": Route(Access.LOGIN, Scope.NONE, writes=("POST",), form=True, changes=False,
                                                body=lambda w: {}),
    "identity:webauthn_register": Route(Access.LOGIN, Scope.NONE, writes=("POST",), form=True, changes=False,
                                        body=lambda w: {"credential": "{}", "name": "key"}),
    "identity:webauthn_login_options": Route(Access.LOGIN, Scope.NONE, writes=("POST",), form=True, changes=False,
                                             body=lambda w: {}),
    "identity:webauthn_login": Route(Access.LOGIN, Scope.NONE, writes=("POST",), form=True, changes=False,
                                     body=lambda w: {"credential": "{}"}),
    "identity:webauthn_sign_options": Route(Access.LOGIN, Scope.NONE, writes=("POST",), form=True, changes=False,
                                            body=lambda w: {}),
    # Only one's own key: another user's (or none) gets "No such security key" and a redirect.
    "identity:webauthn_remove": Route(Access.LOGIN, Scope.NONE, writes=("POST",), form=True,
                                      body=lambda w: {"key": "999999"}),
    "identity:recovery_codes": Route(Access.LOGIN, Scope.NONE, reads=("GET",)),
    "identity:end_session": Route(Access.LOGIN, Scope.NONE, writes=("POST",), form=True, body=lambda w: {},
                                  params={"pk": lambda w: str(_latest_session_pk())}),
    "identity:end_other_sessions": Route(Access.LOGIN, Scope.NONE, writes=("POST",), form=True, body=lambda w: {}),
    # --- reports ---
    "api:report_summary": Route(Access.API, Scope.LIST, reads=("GET",)),
    "reports:dashboard": Route(Access.LOGIN, Scope.LIST, reads=("GET",), supervisors_only=True),
    "reports:client": Route(Access.LOGIN, Scope.LIST, reads=("GET",), names_client=True),
    "reports:export-pdf": Route(Access.LOGIN, Scope.LIST, reads=("GET",), names_client=True),
    "reports:export-csv": Route(Access.LOGIN, Scope.LIST, reads=("GET",), names_client=True),
    "reports:cases": Route(Access.LOGIN, Scope.LIST, reads=("GET",), names_client=True),
    # --- programs ---
    "programs:roster": Route(Access.LOGIN, Scope.LIST, reads=("GET",), names_client=True),
    "programs:influencer-save": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True, supervisors_only=True,
                                      body=lambda w: {"client": "northwind", "name": "New Influencer",
                                                      "handles": "instagram:newinfluencer", "owner": ""}),
    "programs:influencer": Route(Access.LOGIN, Scope.OBJECT, reads=("GET",),
                                 params={"influencer_id": lambda w: str(_pw(w).influencer.pk)}),
    "programs:checks": Route(Access.LOGIN, Scope.LIST, reads=("GET",), names_client=True),
    "programs:task-close": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True,
                                 body=lambda w: {"reason": "asked by DM"},
                                 params={"task_id": lambda w: str(_pw(w).task.pk)}),
    "programs:recheck": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True, body=lambda w: {},
                              params={"mention_id": lambda w: str(_pw(w).post.pk)}),
    "programs:rights-request": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True, body=lambda w: {}),
    "programs:rights": Route(Access.LOGIN, Scope.LIST, reads=("GET",), names_client=True),
    "programs:rights-export": Route(Access.LOGIN, Scope.LIST, reads=("GET",), names_client=True),
    "programs:rights-act": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True,
                                 body=lambda w: {"op": "use", "where": "Instagram carousel"},
                                 params={"rights_id": lambda w: str(_pw(w).rights.pk)}),
    "programs:giveaways": Route(Access.LOGIN, Scope.LIST, reads=("GET",), names_client=True),
    "programs:giveaway-new": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True, supervisors_only=True,
                                   body=lambda w: {"client": "northwind", "name": "Spring kit",
                                                   "rules_url": "https://northwind.example/rules",
                                                   "starts_at": "2030-03-01T09:00", "ends_at": "2030-03-31T18:00",
                                                   "platforms": "x", "entry_method": "comment", "prize": "A tote bag",
                                                   "prize_value": "20", "min_age": "18",
                                                   "announcement": "Rules: https://northwind.example/rules"}),
    "programs:giveaway": Route(Access.LOGIN, Scope.OBJECT, reads=("GET",),
                               params={"giveaway_id": lambda w: str(_pw(w).giveaway.pk)}),
    "programs:giveaway-act": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True,
                                   body=lambda w: {"op": "collect"},
                                   params={"giveaway_id": lambda w: str(_pw(w).giveaway.pk)}),
    "api:list_influencers": Route(Access.API, Scope.LIST, reads=("GET",)),
    "api:get_influencer": Route(Access.API, Scope.OBJECT, reads=("GET",),
                                params={"influencer_id": lambda w: str(_pw(w).influencer.pk)}),
    "api:list_post_checks": Route(Access.API, Scope.LIST, reads=("GET",)),
    "api:list_rights": Route(Access.API, Scope.LIST, reads=("GET",)),
    "api:get_rights": Route(Access.API, Scope.OBJECT, reads=("GET",),
                            params={"rights_id": lambda w: str(_pw(w).rights.pk)}),
    "api:list_giveaways": Route(Access.API, Scope.LIST, reads=("GET",)),
    "api:get_giveaway": Route(Access.API, Scope.OBJECT, reads=("GET",),
                              params={"giveaway_id": lambda w: str(_pw(w).giveaway.pk)}),
    # --- crisis (and hooks_out) ---
    "crisis:home": Route(Access.LOGIN, Scope.LIST, reads=("GET",)),
    "crisis:alert": Route(Access.LOGIN, Scope.OBJECT, reads=("GET",), params={"alert_id": lambda w: str(w.crisis.alerts[0].pk)}),
    "crisis:alert_acknowledge": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True, body=lambda w: {},
                                      params={"alert_id": lambda w: str(w.crisis.alerts[0].pk)}),
    "crisis:alert_dismiss": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True, supervisors_only=True,
                                  body=lambda w: {"reason": "A planned campaign"},
                                  params={"alert_id": lambda w: str(w.crisis.alerts[1].pk)}),
    "crisis:alert_promote": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True, supervisors_only=True,
                                  body=lambda w: {"playbook": "viral_complaint", "title": "Promoted"},
                                  params={"alert_id": lambda w: str(w.crisis.alerts[2].pk)}),
    "crisis:declare": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True, supervisors_only=True,
                            body=lambda w: {"client": str(w.northwind.pk), "playbook": "threat", "title": "Threat"}),
    "crisis:incident": Route(Access.LOGIN, Scope.OBJECT, reads=("GET",),
                             params={"incident_id": lambda w: str(w.crisis.incident.pk)}),
    "crisis:incident_chart": Route(Access.LOGIN, Scope.OBJECT, reads=("GET",),
                                   params={"incident_id": lambda w: str(w.crisis.incident.pk)}),
    "crisis:incident_roles": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True, supervisors_only=True,
                                   body=lambda w: {"approver": "sam@agency.test"},
                                   params={"incident_id": lambda w: str(w.crisis.incident.pk)}),
    "crisis:incident_check": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True,
                                   body=lambda w: {"item": "a0", "done": "1"},
                                   params={"incident_id": lambda w: str(w.crisis.incident.pk)}),
    "crisis:incident_stand_down": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True, supervisors_only=True,
                                        body=lambda w: {"note": "Back to baseline"},
                                        params={"incident_id": lambda w: str(w.crisis.incident.pk)}),
    "crisis:incident_pdf": Route(Access.LOGIN, Scope.OBJECT, reads=("GET",),
                                 params={"incident_id": lambda w: str(w.crisis.past_incident.pk)}),
    "api:list_alerts": Route(Access.API, Scope.LIST, reads=("GET",)),
    "api:get_alert": Route(Access.API, Scope.OBJECT, reads=("GET",),
                           params={"alert_id": lambda w: str(w.crisis.alerts[0].pk)}),
    "api:list_incidents": Route(Access.API, Scope.LIST, reads=("GET",)),
    "api:get_incident": Route(Access.API, Scope.OBJECT, reads=("GET",),
                              params={"incident_id": lambda w: str(w.crisis.incident.pk)}),
    "hooks_out:list": Route(Access.LOGIN, Scope.LIST, reads=("GET",), supervisors_only=True),
    "hooks_out:create": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True, supervisors_only=True,
                              body=lambda w: {"client": str(w.northwind.pk), "url": "https://pv.example/intake"}),
    "hooks_out:endpoint": Route(Access.LOGIN, Scope.OBJECT, reads=("GET",), supervisors_only=True,
                                params={"endpoint_id": lambda w: str(w.crisis.endpoint.pk)}),
    "hooks_out:enable": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True, supervisors_only=True,
                              body=lambda w: {}, params={"endpoint_id": lambda w: str(w.crisis.endpoint.pk)}),
    "hooks_out:disable": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True, supervisors_only=True,
                               body=lambda w: {},
                               params={"endpoint_id": lambda w: str(w.crisis.endpoint_to_disable.pk)}),
    "hooks_out:replay": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True, supervisors_only=True,
                              body=lambda w: {}, params={"delivery_id": lambda w: str(w.crisis.delivery.pk)}),
    # --- content ---
    "content:calendar": Route(Access.LOGIN, Scope.LIST, reads=("GET",), names_client=True),
    "content:new": Route(Access.LOGIN, Scope.LIST, reads=("GET",)),
    "content:create": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True,
                            body=lambda w: {"client": "northwind", "title": "New post",
                                            "text_facebook": "Talk to your doctor today.",
                                            "channels": [fb_channel(w.post)]}),
    "content:campaign": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True,
                              body=lambda w: {"client": "northwind", "key": "spring", "name": "Spring"}),
    "content:post": Route(Access.LOGIN, Scope.OBJECT, reads=("GET",), params={"post_id": lambda w: str(w.post.pk)}),
    "content:edit": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True,
                          params={"post_id": lambda w: str(w.post.pk)},
                          body=lambda w: {"text_facebook": "Talk to your doctor this week.",
                                          "channels": [fb_channel(w.post)]}),
    "content:act": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True,
                         params={"post_id": lambda w: str(w.post.pk)}, body=lambda w: {"op": "submit"}),
    # MLR approval by someone other than the author (alice): a supervisor here.
    "content:approve": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True, supervisors_only=True,
                             params={"post_id": lambda w: str(w.post_in_review.pk)},
                             body=lambda w: {"discipline": "medical", "hash": review_hash(w.post_in_review),
                                             "signature": PASSWORD}),
    "content:reschedule": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True,
                                params={"post_id": lambda w: str(w.post.pk)},
                                body=lambda w: {"planned": "2027-01-06T09:30"}),
    "content:resolve": Route(Access.LOGIN, Scope.OBJECT, writes=("POST",), form=True,
                             params={"publication_id": lambda w: str(w.publication.pk)},
                             body=lambda w: {"published": "no"}),
    "content:watch": Route(Access.LOGIN, Scope.LIST, reads=("GET",), names_client=True),
    "content:record": Route(Access.LOGIN, Scope.LIST, reads=("GET",), names_client=True),
    "content:record-csv": Route(Access.LOGIN, Scope.LIST, reads=("GET",), names_client=True),
    "content:record-pdf": Route(Access.LOGIN, Scope.LIST, reads=("GET",), names_client=True),
    "api:list_posts": Route(Access.API, Scope.LIST, reads=("GET",)),
    # --- notifications (issue 13: in-app notifications and the approvals inbox) ---
    # Each person's own notifications: another user's is a 404 (tests/demo/test_newcomer_desk.py).
    "notifications:list": Route(Access.LOGIN, Scope.LIST, reads=("GET",)),
    "notifications:open": Route(Access.LOGIN, Scope.NONE, writes=("POST",), form=True, body=lambda w: {},
                                params={"notification_id": lambda w: _alice_notification()}),
    "notifications:read_all": Route(Access.LOGIN, Scope.NONE, writes=("POST",), form=True, body=lambda w: {}),
    "notifications:digest": Route(Access.LOGIN, Scope.NONE, writes=("POST",), form=True,
                                  body=lambda w: {"every": "daily"}),
    # Reviewers, supervisors and admins only: an agent or a viewer gets 403.
    "notifications:approvals": Route(Access.LOGIN, Scope.LIST, reads=("GET",), supervisors_only=True),
    # --- demo (issue 13: the demo's local mailbox, agency admins only) ---
    "demo:mailbox": Route(Access.LOGIN, Scope.NONE, reads=("GET",), supervisors_only=True),
    # --- identity: single sign-on (OpenID Connect): public like the log-in page; no provider here -> 404 ---
    "sso:start": Route(Access.PUBLIC, Scope.NONE, reads=("GET",), params={"name": lambda w: "acme"}),
    "sso:callback": Route(Access.PUBLIC, Scope.NONE, reads=("GET",), params={"name": lambda w: "acme"}),
}


def _pw(world: World) -> ProgramsWorld:
    assert world.programs is not None
    return world.programs


PROGRAM_WRITES = {"programs:influencer-save", "programs:task-close", "programs:recheck", "programs:rights-request",
                  "programs:rights-act", "programs:giveaway-new", "programs:giveaway-act"}


def _alice_notification() -> str:
    from carewatch.notifications.models import DeskNotification

    alice = User.objects.get(email="alice@agency.test")
    notification, _ = DeskNotification.objects.get_or_create(user=alice, kind="assigned", text="Case 1 for you",
                                                             url="/inbox/")
    return str(notification.pk)

# The only URLs anyone may use without logging in (webhooks carry a signature instead).
PUBLIC = {"login", "healthz", "api:api_health", "api:openapi-json", "api:openapi-view", "short-link",
          "sso:start", "sso:callback"}

# How each path parameter is filled: the id of a Northwind object of the right kind.
PARAMS: dict[str, Callable[[World], str]] = {
    "case_id": lambda w: str(w.case.pk),
    "mention_id": lambda w: str(w.mention.pk),
    "source_name": lambda w: "meta",
    "pk": lambda w: str(w.safety_case.pk),
    "escalation_id": lambda w: str(w.escalation.pk),
    "token": lambda w: "not-a-token",
    "slug": lambda w: w.northwind.slug,
    "reply_id": lambda w: str(w.replies.reply.pk),
    "template_id": lambda w: str(w.replies.template.pk),
    "version_id": lambda w: str(w.replies.version.pk),
    "code": lambda w: w.replies.link.code,
    "rule_id": lambda w: str(RoutingRule.objects.get(client=w.northwind, name="World rule").pk),
}

_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class Pattern:
    name: str
    route: str  # e.g. "inbox/case/<int:case_id>/"


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[Pattern]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        else:
            assert isinstance(entry, URLPattern)
            assert entry.name, f"the URL pattern {prefix}{entry.pattern} has no name; name it and classify it here"
            yield Pattern(f"{namespace}:{entry.name}" if namespace else entry.name, prefix + str(entry.pattern))


def all_patterns() -> list[Pattern]:
    return list(_walk(get_resolver().url_patterns))


def fill(pattern: Pattern, world: World) -> str:
    own = (ROUTES[pattern.name].params if pattern.name in ROUTES else None) or {}

    def value(match: re.Match[str]) -> str:
        name = match.group("name")
        if name in own:
            return own[name](world)
        assert name in PARAMS, f"{pattern.name}: no rule to fill the path parameter {name!r}"
        return PARAMS[name](world)

    return "/" + _PARAM.sub(value, pattern.route)


def _latest_session_pk() -> int:
    """The newest signed-in session (the one the test's client just opened), or none at all."""
    from carewatch.identity.models import TrackedSession

    latest = TrackedSession.objects.order_by("-pk").first()
    return latest.pk if latest else 999999


# ------------------------------------------------------------------ the world
@pytest.fixture
def world(northwind: Client, contoso: Client, make_mention: Any, sam: User, alice: User) -> World:
    mention = make_mention(northwind, f"Is Glucavio covered by my insurance? {NORTHWIND_MARKER}",
                           author="nwpatient")
    assert mention.case is not None
    actions.do_tag(sam, mention.case, "existing")  # so "untag" has something to remove
    make_mention(contoso, f"Where do I get the Contoso leaflet? {CONTOSO_MARKER}", author="ctpatient")
    adverse = make_mention(northwind, f"Since starting Glucavio I have terrible nausea and headaches {NORTHWIND_MARKER}",
                           author="nwpatient")
    safety_case = SafetyCase.objects.get(links__mention=adverse, kind="adverse_event")
    escalation = Escalation.objects.create(client=northwind, category="urgent", severity="critical",
                                           opened_at=timezone.now(), case_id=mention.case_id)
    # A rule to edit, and the world case in the three-touch process (so a touch can be recorded).
    RoutingRule.objects.create(client=northwind, name="World rule", actions={"tag": "x"})
    northwind.settings = {"three_touch": {"labels": ["existing"]}}
    northwind.save()
    reconcile(mention.case_id)
    replies = replies_world(mention.case, author=alice)
    reply_to_reject = ReplyDraft.objects.get(pk=replies.reply.pk)
    reply_to_reject.pk = None  # a second reply waiting for approval, for the rejection
    reply_to_reject.save()
    post, post_in_review, publication = content_world(northwind, alice)
    return World(northwind=northwind, case=Case.objects.get(pk=mention.case_id), mention=mention,
                 safety_case=safety_case, escalation=escalation, replies=replies, reply_to_reject=reply_to_reject,
                 programs=programs_world(northwind, sam, alice), crisis=crisis_world(northwind, sam),
                 post=post, post_in_review=post_in_review, publication=publication)


@pytest.fixture
def carol(contoso: Client) -> User:
    """A Contoso supervisor: sees Contoso's audit trail, never Northwind's."""
    return make_user("carol@agency.test", Role.SUPERVISOR, contoso)


def state(world: World) -> dict[str, Any]:
    """What any write would change: the case, its tags and notes, the audit trail."""
    case = Case.objects.get(pk=world.case.pk)
    return {
        "case": (case.status, case.priority, case.assignee_id, case.closed_at, case.updated_at),
        "tags": sorted(case.tags.values_list("name", flat=True)),
        "notes": Note.objects.filter(case=case).count(),
        "safety": sorted(SafetyCase.objects.values_list("pk", "status", "updated_at")),
        "escalations": sorted(Escalation.objects.values_list("pk", "state", "updated_at")),
        "audit": AuditEvent.objects.count(),
    }


def send(client: HttpClient, method: str, url: str, route: Route, world: World,
         extra: dict[str, Any] | None = None, **kwargs: Any) -> Any:
    """One request as ``route`` expects it: the route's body (plus ``extra``) as a form or JSON."""
    if method == "GET":
        return client.get(url, **kwargs)
    body = dict(route.body(world)) if route.body else {}
    body.update(extra or {})
    call = getattr(client, method.lower())
    if route.json:
        return call(url, json.dumps(body), content_type="application/json", **kwargs)
    if method == "POST":
        return call(url, body, **kwargs)
    return call(url, urlencode(body, doseq=True), content_type="application/x-www-form-urlencoded", **kwargs)


def logged_in(user: User) -> HttpClient:
    client = HttpClient()
    client.force_login(user)
    return client


def routes_where(predicate: Callable[[Route], bool]) -> list[tuple[Pattern, Route]]:
    return [(p, ROUTES[p.name]) for p in all_patterns() if p.name in ROUTES and predicate(ROUTES[p.name])]


# ------------------------------------------------------------------ classification
def test_every_url_pattern_is_classified_and_no_classification_is_stale() -> None:
    names = [p.name for p in all_patterns()]
    assert len(names) == len(set(names)), "two URL patterns share a name"
    assert set(names) == set(ROUTES), (
        f"unclassified: {sorted(set(names) - set(ROUTES))}; gone: {sorted(set(ROUTES) - set(names))}"
    )


def test_the_enumeration_includes_the_api_and_fills_every_path_parameter(world: World) -> None:
    urls = {p.name: fill(p, world) for p in all_patterns()}
    assert urls["api:update_case"] == f"/api/v1/cases/{world.case.pk}"
    assert urls["api:get_mention"] == f"/api/v1/mentions/{world.mention.pk}"
    assert urls["inbox:note"] == f"/inbox/case/{world.case.pk}/note/"
    assert all("<" not in url for url in urls.values())


def test_the_public_urls_are_exactly_login_sso_health_and_the_api_description() -> None:
    assert {name for name, r in ROUTES.items() if r.access is Access.PUBLIC} == PUBLIC


# ------------------------------------------------------------------ anonymous
def test_anonymous_requests_to_public_urls_are_answered_without_a_login(world: World) -> None:
    client = HttpClient()
    for pattern, route in routes_where(lambda r: r.access is Access.PUBLIC):
        for method in route.reads:
            response = send(client, method, fill(pattern, world), route, world)
            # the health checks answer 503 here: no worker runs in the tests
            expected = ({200, 503} if "health" in pattern.name else {302} if pattern.name == "short-link"
                        else {404} if pattern.name.startswith("sso:") else {200})  # sso: no provider configured
            assert response.status_code in expected, (pattern.name, method, response.status_code)


def test_anonymous_requests_to_every_page_end_on_the_login_page_and_change_nothing(world: World) -> None:
    client = HttpClient()
    before = state(world)
    checked = 0
    for pattern, route in routes_where(lambda r: r.access is Access.LOGIN):
        for method in route.reads + route.writes:
            url = fill(pattern, world)
            response = send(client, method, url, route, world)
            assert response.status_code == 302, (pattern.name, method, response.status_code)
            final = client.get(url, follow=True) if method == "GET" else send(client, method, url, route, world,
                                                                            follow=True)
            assert final.request["PATH_INFO"] == "/login/", (pattern.name, method, final.redirect_chain)
            assert NORTHWIND_MARKER not in final.content.decode()
            checked += 1
    assert checked >= 14
    assert state(world) == before


def test_anonymous_api_calls_get_401_for_every_method_and_change_nothing(world: World) -> None:
    client = HttpClient(enforce_csrf_checks=True)
    before = state(world)
    checked = 0
    for pattern, route in routes_where(lambda r: r.access is Access.API):
        for method in route.reads + route.writes:
            response = send(client, method, fill(pattern, world), route, world)
            assert response.status_code == 401, (pattern.name, method, response.status_code, response.content)
            assert NORTHWIND_MARKER not in response.content.decode()
            checked += 1
    assert checked >= 6
    assert state(world) == before


def test_a_wrong_bearer_token_gets_401_for_every_api_method(world: World) -> None:
    client = HttpClient(enforce_csrf_checks=True, headers={"Authorization": "Bearer cw_not-a-real-token"})
    before = state(world)
    for pattern, route in routes_where(lambda r: r.access is Access.API):
        for method in route.reads + route.writes:
            response = send(client, method, fill(pattern, world), route, world)
            assert response.status_code == 401, (pattern.name, method, response.status_code)
    assert state(world) == before


def test_unsigned_webhooks_are_refused_and_stored_nowhere(world: World) -> None:
    client = HttpClient(enforce_csrf_checks=True)
    (pattern, _route), = routes_where(lambda r: r.access is Access.SIGNED)
    url = fill(pattern, world)
    payload = {"object": "page", "entry": [{"id": "1234567890", "changes": []}]}
    response = client.post(url, json.dumps(payload), content_type="application/json")
    assert response.status_code == 403
    handshake = client.get(url, {"hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "42"})
    assert handshake.status_code == 403
    assert InboundEvent.objects.count() == 0


def test_a_link_with_a_bad_token_is_refused_for_everybody_and_changes_nothing(world: World, alice: User) -> None:
    clients = (HttpClient(enforce_csrf_checks=True), logged_in(alice))
    before = state(world)
    checked = 0
    for client in clients:
        for pattern, route in routes_where(lambda r: r.access is Access.TOKEN):
            for method in route.reads + route.writes:
                response = send(client, method, fill(pattern, world), route, world)
                assert response.status_code in (400, 403), (pattern.name, method, response.status_code)
                checked += 1
    assert checked >= 4
    assert state(world) == before


def test_urls_that_lead_nowhere_answer_404_to_everybody(world: World, admin: User) -> None:
    for client in (HttpClient(), logged_in(admin)):
        for pattern, _route in routes_where(lambda r: r.access is Access.NOWHERE):
            assert client.get(fill(pattern, world)).status_code == 404, pattern.name


# ------------------------------------------------------------------ another client's agent
def test_an_agent_of_another_client_gets_404_on_every_northwind_url_and_changes_nothing(
    world: World, bob: User
) -> None:
    client = logged_in(bob)
    before = state(world)
    checked = 0
    for pattern, route in routes_where(lambda r: r.scope is Scope.OBJECT):
        for method in route.reads + route.writes:
            response = send(client, method, fill(pattern, world), route, world)
            assert response.status_code == 404, (pattern.name, method, response.status_code)
            content = response.content.decode()
            assert NORTHWIND_MARKER not in content and "nwpatient" not in content
            checked += 1
    assert checked >= 12
    assert state(world) == before


def test_an_agent_of_another_client_gets_404_with_a_bearer_token_too(world: World, bob: User) -> None:
    client = HttpClient(headers={"Authorization": f"Bearer {do_create_token(bob, 'test', None)}"})
    before = state(world)
    for pattern, route in routes_where(lambda r: r.scope is Scope.OBJECT and r.access is Access.API):
        for method in route.reads + route.writes:
            response = send(client, method, fill(pattern, world), route, world)
            assert response.status_code == 404, (pattern.name, method, response.status_code)
    assert state(world) == before


@pytest.mark.parametrize("query", [
    "", "?status=all", "?client=northwind", f"?q={NORTHWIND_MARKER}", "?q=@nwpatient", "?tag=existing",
])
def test_list_pages_show_another_client_s_staff_nothing_of_northwind(
    world: World, bob: User, carol: User, query: str
) -> None:
    for user in (bob, carol):
        client = logged_in(user)
        for pattern, route in routes_where(lambda r: r.scope is Scope.LIST):
            status = 200
            if route.supervisors_only and user == bob:
                status = 403
            elif (route.access is Access.API or route.names_client) and "client=northwind" in query:
                status = 404  # the API and per-client reports name the client they cannot find
            response = client.get(fill(pattern, world) + query)
            assert response.status_code == status, (user.email, pattern.name, query, response.status_code)
            content = (b"".join(response.streaming_content) if response.streaming else response.content).decode("utf-8", errors="replace")
            for secret in NORTHWIND_SECRETS:
                if secret.lower() not in query.lower():  # a page may echo the user's own query back
                    assert secret.lower() not in content.lower(), (user.email, pattern.name, query, secret)


def test_the_inbox_and_the_api_lists_show_another_client_s_agent_only_his_own_cases(world: World, bob: User) -> None:
    client = logged_in(bob)
    page = client.get("/inbox/").content.decode()
    assert CONTOSO_MARKER in page and NORTHWIND_MARKER not in page
    cases = client.get("/api/v1/cases?status=all").json()["items"]
    assert {c["client"] for c in cases} == {"contoso"}
    mentions = client.get("/api/v1/mentions").json()
    assert {m["client"] for m in mentions["items"]} == {"contoso"} and mentions["count"] == 1
    assert client.get(f"/api/v1/mentions?case_id={world.case.pk}").json() == {"items": [], "count": 0}


def test_asking_the_api_for_another_client_by_name_is_a_404(world: World, bob: User) -> None:
    client = logged_in(bob)
    assert client.get("/api/v1/mentions?client=northwind").status_code == 404
    assert client.get(f"/api/v1/mentions?client={world.northwind.pk}").status_code == 404
    assert client.get("/api/v1/cases?client=northwind").status_code == 404
    # a client that does not exist answers the same
    assert client.get("/api/v1/cases?client=no-such-client").status_code == 404


def test_another_client_s_staff_cannot_be_assigned_nor_named_by_id(world: World, alice: User, bob: User) -> None:
    client = logged_in(alice)
    before = state(world)
    response = client.post(f"/inbox/case/{world.case.pk}/assign/", {"assignee": str(bob.pk)})
    assert response.status_code == 404
    response = client.post("/inbox/bulk/", {"case": [world.case.pk], "operation": "assign", "value": str(bob.pk)})
    assert response.status_code == 404
    response = client.patch(f"/api/v1/cases/{world.case.pk}", {"assignee": bob.email}, content_type="application/json")
    assert response.status_code == 422
    assert response.json() == {"detail": f"no user {bob.email} works for this client"}
    assert bob.name not in response.content.decode()
    assert state(world) == before


# ------------------------------------------------------------------ read-only viewer
def test_a_read_only_viewer_gets_403_on_every_write_and_nothing_changes(world: World, victor: User) -> None:
    client = logged_in(victor)
    before = state(world)
    checked = set()
    for pattern, route in routes_where(lambda r: r.scope is Scope.OBJECT and bool(r.writes)):
        for method in route.writes:
            response = send(client, method, fill(pattern, world), route, world)
            assert response.status_code == 403, (pattern.name, method, response.status_code)
            checked.add(pattern.name)
    assert checked == {
        "inbox:bulk", "inbox:assign", "inbox:status", "inbox:priority", "inbox:tag", "inbox:untag",
        "inbox:note", "api:update_case", "api:add_note", "safety:act", "safety:open", "api:transition",
        "escalation:ack", "routing:new", "routing:rule", "sla:record_touch", "triage:review",
        "configuration:sla", "configuration:protocol", "configuration:rotation", "configuration:channel",
        "responses:lint", "responses:compose", "responses:approve", "responses:reject",
        "responses:template-create", "responses:version-create", "responses:version-act", "api:lint_reply",
    } | PROGRAM_WRITES | {
        # --- crisis (and hooks_out) ---
        "crisis:alert_acknowledge", "crisis:alert_dismiss", "crisis:alert_promote", "crisis:declare",
        "crisis:incident_roles", "crisis:incident_check", "crisis:incident_stand_down", "hooks_out:create",
        "hooks_out:enable", "hooks_out:disable", "hooks_out:replay",
        "content:create", "content:edit", "content:act", "content:approve", "content:reschedule", "content:resolve",
        "content:campaign",
    }
    assert state(world) == before


def test_a_read_only_viewer_reads_every_page_and_api_call_except_the_audit_trail(world: World, victor: User) -> None:
    client = logged_in(victor)
    for pattern, route in routes_where(lambda r: r.access in (Access.LOGIN, Access.API)):
        assert route.reads == ("GET",) or not route.reads, pattern.name
        if route.reads:
            response = client.get(fill(pattern, world), follow=pattern.name == "home")
            expected = 403 if route.supervisors_only else 200
            assert response.status_code == expected, (pattern.name, response.status_code)
    assert NORTHWIND_MARKER in client.get(f"/inbox/case/{world.case.pk}/").content.decode()
    assert client.get(f"/api/v1/cases/{world.case.pk}").json()["id"] == world.case.pk


def test_every_write_succeeds_for_the_client_s_own_agent(world: World, alice: User, sam: User) -> None:
    """The bodies the viewer is refused are real writes: for an agent each one changes something."""
    for pattern, route in routes_where(lambda r: r.scope is Scope.OBJECT and bool(r.writes)):
        for method in route.writes:
            if pattern.name in ("inbox:untag", "api:update_case"):  # needs the tag the others leave alone
                actions.do_tag(alice, Case.objects.get(pk=world.case.pk), "existing")
            before = state(world)
            writer = sam if route.supervisors_only else alice  # routing rules: supervisors and admins
            response = send(logged_in(writer), method, fill(pattern, world), route, world)
            assert response.status_code in (200, 201, 302), (pattern.name, method, response.status_code)
            after = state(world)
            if not route.changes:  # the lint computes findings and changes nothing (but the login)
                assert after["audit"] == before["audit"] + 1, pattern.name
                continue
            assert after["audit"] > before["audit"] + 1, pattern.name  # +1: the login itself
            assert after != before


def test_write_urls_refuse_get_and_read_urls_refuse_writes(world: World, alice: User) -> None:
    agent, anonymous = logged_in(alice), HttpClient()
    before = state(world)
    allowed: dict[str, set[str]] = {}
    for pattern, route in routes_where(lambda r: True):
        allowed.setdefault(fill(pattern, world), set()).update(route.reads + route.writes)
    for pattern, route in routes_where(lambda r: r.strict_methods and r.access is not Access.NOWHERE):
        url = fill(pattern, world)
        client = anonymous if route.access is Access.PUBLIC else agent  # the login page sends alice away
        for method in sorted({"GET", "POST", "PATCH"} - allowed[url]):
            response = client.generic(method, url)
            assert response.status_code == 405, (pattern.name, method, response.status_code)
    assert state(world)["case"] == before["case"]


# ------------------------------------------------------------------ CSRF
def _csrf_client(user: User) -> tuple[HttpClient, str]:
    client = HttpClient(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.get("/inbox/").status_code == 200  # the page sets the CSRF cookie
    return client, client.cookies[settings.CSRF_COOKIE_NAME].value


def test_every_form_post_without_a_csrf_token_is_refused(world: World, alice: User) -> None:
    forms = routes_where(lambda r: r.form)
    assert {p.name for p, _ in forms} >= {"login", "logout", "inbox:bulk", "inbox:assign", "inbox:note"}
    for pattern, route in forms:
        client, _token = _csrf_client(alice)
        before = state(world)
        response = send(client, "POST", fill(pattern, world), route, world)
        assert response.status_code == 403, (pattern.name, response.status_code)
        assert state(world) == before
        assert client.get("/inbox/").status_code == 200, "a refused log-out must not log out"


def test_every_form_post_with_the_csrf_token_goes_through(world: World, alice: User, sam: User) -> None:
    for pattern, route in routes_where(lambda r: r.form and r.access is not Access.TOKEN):
        if pattern.name == "inbox:untag":
            actions.do_tag(alice, Case.objects.get(pk=world.case.pk), "existing")
        client, token = _csrf_client(sam if route.supervisors_only else alice)
        response = send(client, "POST", fill(pattern, world), route, world, {"csrfmiddlewaretoken": token})
        expected = 200 if not route.changes else 302  # the lint answers with its findings
        assert response.status_code == expected, (pattern.name, response.status_code)


def test_the_api_with_a_session_needs_the_csrf_token_for_writes(world: World, alice: User) -> None:
    client, token = _csrf_client(alice)
    before = state(world)
    url = f"/api/v1/cases/{world.case.pk}"
    refused = client.patch(url, {"status": "escalated"}, content_type="application/json")
    assert refused.status_code == 403
    refused = client.post(f"{url}/notes", {"body": "hello"}, content_type="application/json")
    assert refused.status_code == 403
    assert state(world) == before
    assert client.get(url).status_code == 200  # reads need no token
    accepted = client.patch(url, {"status": "escalated"}, content_type="application/json",
                            headers={"X-CSRFToken": token})
    assert accepted.status_code == 200
    assert Case.objects.get(pk=world.case.pk).status == "escalated"


def test_the_api_with_a_bearer_token_needs_no_csrf_token(world: World, alice: User) -> None:
    client = HttpClient(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {do_create_token(alice, 't', None)}"})
    url = f"/api/v1/cases/{world.case.pk}"
    assert client.patch(url, {"status": "escalated"}, content_type="application/json").status_code == 200
    assert client.post(f"{url}/notes", {"body": "hello"}, content_type="application/json").status_code == 201
    assert Case.objects.get(pk=world.case.pk).status == "escalated"


# ------------------------------------------------------------------ redirects stay on the site
@pytest.mark.parametrize("target", [
    "https://evil.example/", "//evil.example/", "/\\evil.example/", "\\\\evil.example", "javascript:alert(1)",
])
def test_next_never_leads_off_the_site(world: World, alice: User, target: str) -> None:
    client = logged_in(alice)
    case_url = f"/inbox/case/{world.case.pk}/"
    response = client.post(f"{case_url}priority/", {"priority": "3", "next": target}, headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"] == case_url
    response = client.post(f"{case_url}priority/", {"priority": "4", "next": target})
    assert response["Location"] == case_url
    response = client.post("/inbox/bulk/", {"case": [world.case.pk], "operation": "tag", "value": "x", "next": target})
    assert response["Location"] == "/inbox/"
    page = client.get(case_url, {"next": target}).content.decode()
    assert 'id="back"' in page
    assert "evil.example" not in page and "javascript:" not in page


def test_next_may_lead_back_to_a_filtered_queue(world: World, alice: User) -> None:
    client = logged_in(alice)
    response = client.post(f"/inbox/case/{world.case.pk}/priority/", {"priority": "3", "next": "/inbox/?mine=1"})
    assert response["Location"] == "/inbox/?mine=1"


def test_a_bulk_priority_that_is_not_a_number_is_an_error_message_not_a_crash(world: World, alice: User) -> None:
    client = logged_in(alice)
    response = client.post("/inbox/bulk/", {"case": [world.case.pk], "operation": "priority", "value": "urgent"},
                           follow=True)
    assert response.status_code == 200
    assert "unknown priority" in response.content.decode()
    assert Case.objects.get(pk=world.case.pk).priority == world.case.priority
