"""The demo's programs: a roster of 12 influencers (Northwind and Halcyon) with passing and failing
posts arriving through the pipeline, one post corrected after its task, comments under a sponsored
post (one reporting a side effect), UGC rights requests in every state, and one finished giveaway
with its recorded draw. Called from the demo loader: ``load_programs_demo(now)``.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction

from carewatch.audit.chain import append
from carewatch.inbox.ingest import apply_changes, run_triage
from carewatch.inbox.models import Mention
from carewatch.inbox.normalised import AuthorRef, ChangeKind, MentionChange
from carewatch.programs import actions
from carewatch.programs.models import Giveaway, Influencer
from carewatch.tenancy.models import Channel, Client, User

SUPERVISOR = "supervisor@agency.test"
DEMO_MENTIONS = 39  # what load_programs_demo adds: the demo loader plans that many fewer of its own
MIN_TRAFFIC = 500  # smaller loads (tests) leave the programs out
PROGRAMS = {
    "northwind": {"rights_hashtag": "#YesGlucavio", "terms_url": "https://northwind.example/ugc-terms",
                  "terms_version": "2026-01", "rights_days": 365, "disclosure_tokens": ["#GlucavioPartner"]},
    "halcyon": {"rights_hashtag": "#YesVelantra", "terms_url": "https://halcyon.example/ugc-terms",
                "terms_version": "2025-11", "rights_days": 365},
}
# name, client, handles, connection, owner, [(platform, media, text)]
ROSTER: list[tuple[str, str, dict[str, str], str, str, list[tuple[str, str, str]]]] = [
    ("Maya Reyes", "northwind", {"instagram": "mayaglows", "tiktok": "mayaglows"}, "paid", "priya@agency.test", [
        ("instagram", "image", "#ad My Glucavio pen routine, 6 months in 💙 Ask your doctor if it's right for you. "
                               "May cause serious side effects: glucavio.example/risk"),
        ("instagram", "image", "Sunday meal prep with my Glucavio pen on the counter!\nLink in bio"),
    ]),
    ("Jordan Blake", "northwind", {"instagram": "jordanlifts"}, "paid", "priya@agency.test", [
        ("instagram", "image", "Paid partnership with Northwind: how I plan my week around my injections"),
        ("instagram", "image", "Gym day 💪\nNew PR on squats\nFeeling strong\nFull routine on my channel\n"
                               "#fitness #t2d #ad #strong"),
    ]),
    ("Sofía Márquez", "northwind", {"instagram": "sofimarquez"}, "free_product", "mateo@agency.test", [
        ("instagram", "image", "#publicidad Mi rutina con la pluma Glucavio: cómo la llevo de viaje ✈️"),
        ("instagram", "image", "Gracias Glucavio por el kit de viaje 😍"),
    ]),
    ("Claire Dubois", "northwind", {"instagram": "clairedubois"}, "paid", "mateo@agency.test", [
        ("instagram", "image", "#collab Ma routine du matin avec @glucavio ☀️"),
    ]),
    ("Lena Vogel", "northwind", {"instagram": "lenavogel", "tiktok": "lena.vogel"}, "paid", "priya@agency.test", [
        ("tiktok", "video", "#ad My morning routine with Glucavio, start to finish"),
        ("instagram", "image", "#ad Glucavio helped me get my blood sugar under control in three months!"),
    ]),
    ("Dev Patel", "northwind", {"instagram": "devcooks"}, "employee", "priya@agency.test", [
        ("instagram", "image", "#sp Diabetes-friendly dal, recipe below 👇"),
    ]),
    ("Amara Okafor", "northwind", {"instagram": "amaraeats"}, "paid", "mateo@agency.test", [
        ("instagram", "image", "#ad #GlucavioPartner My 3 favourite low-carb snacks for busy days"),
    ]),
    ("Priya Nair", "halcyon", {"instagram": "priyaflares"}, "paid", "claire@agency.test", [
        ("instagram", "image", "#ad Living with psoriatic arthritis: my Velantra injection day routine. Serious "
                               "infections can happen; risk info: halcyon.example/velantra/isi"),
        ("instagram", "image", "Velantra cleared my skin in 8 weeks!! Ask your dermatologist ✨ #ad"),
    ]),
    ("Tom Becker", "halcyon", {"instagram": "tomruns"}, "free_product", "claire@agency.test", [
        ("instagram", "image", "Thanks Halcyon for the cooling travel case, perfect for race weekends"),
    ]),
    ("Inès Laurent", "halcyon", {"instagram": "inesetlapso"}, "paid", "claire@agency.test", [
        ("instagram", "image", "#publicité Ma journée type avec le rhumatisme psoriasique, sans filtre"),
    ]),
    ("Grace Kim", "halcyon", {"instagram": "gracekimwell"}, "family", "claire@agency.test", [
        ("instagram", "image", "#ambassador So proud of my sister's team at Halcyon 💜"),
    ]),
    ("Rafael Costa", "halcyon", {"instagram": "rafaflare"}, "paid", "claire@agency.test", [
        ("instagram", "image", "Paid partnership with Halcyon 🙌 What I wish I knew at diagnosis"),
    ]),
]


# The demo's traffic is in English, Spanish and French; so are the programs.
LANGUAGES = {"Sofía Márquez": "es", "Claire Dubois": "fr", "Inès Laurent": "fr"}


class _Sender:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self, client: Client, platform: str, author: str, text: str, when: datetime, *, kind: str = "mention",
                 thread: str = "", media: str = "", edit_of: str = "", direction: str = "in",
                 language: str = "en") -> Mention:
        from carewatch.demo.safety import demo_clock

        channel = Channel.objects.filter(client=client, platform=platform).order_by("id").first()
        assert channel is not None, f"{client.slug} has no {platform} channel"
        self.n += 1
        external_id = edit_of or f"demo-prog-{client.slug}-{self.n}"
        extra: dict[str, object] = {"media": media} if media else {}
        if edit_of:
            extra["is_edit"] = True
        change = MentionChange(
            change=ChangeKind.EDIT if edit_of else ChangeKind.UPSERT, channel_id=channel.id, platform=platform,
            external_id=external_id, kind=kind, direction=direction, text=text, created_at=when,
            thread_key=thread or external_id, language=language,
            author=AuthorRef(external_id=f"demo-{author}", handle=author,
                             name=author.replace(".", " ").title()),
            url=_url(platform, author, external_id), extra=extra)
        with demo_clock(when + timedelta(seconds=30)), transaction.atomic():
            run_triage(apply_changes([change]))
        return Mention.objects.get(channel=channel, external_id=external_id)


def _url(platform: str, author: str, external_id: str) -> str:
    if platform == "tiktok":
        return f"https://www.tiktok.com/@{author}/video/{external_id}"
    return f"https://www.{platform}.com/p/{external_id}/"


def programs_demo_mentions(mentions: int) -> int:
    """How many of the demo's ``mentions`` the programs demo will add (0 if it will not run)."""
    if mentions < MIN_TRAFFIC or Influencer.objects.filter(client__slug__in=list(PROGRAMS)).exists():
        return 0
    return DEMO_MENTIONS


def _settings(client: Client, programs: dict[str, Any]) -> None:
    with transaction.atomic():
        client.settings = {**(client.settings or {}), "programs": programs}
        client.save(update_fields=["settings"])
        append("config.client.update", actor_label="demo", client_id=client.pk, obj=client,
               data={"programs": programs})


def load_programs_demo(now: datetime) -> int:
    """Load the programs demo; returns the number of actions taken. Skips a client it does not find
    and does nothing when the roster is already there."""
    from carewatch.demo.safety import demo_clock

    supervisor = User.objects.filter(email=SUPERVISOR).first()
    clients = {c.slug: c for c in Client.objects.filter(slug__in=list(PROGRAMS))}
    if supervisor is None or not clients or Influencer.objects.filter(client__in=clients.values()).exists():
        return 0
    count = 0
    send = _Sender()
    for slug, conf in PROGRAMS.items():
        if slug in clients:
            _settings(clients[slug], conf)
    posts: dict[str, list[Mention]] = {}
    for i, (name, slug, handles, connection, owner, items) in enumerate(ROSTER):
        client = clients.get(slug)
        if client is None:
            continue
        with demo_clock(now - timedelta(days=13)):
            actions.do_save_influencer(supervisor, client, {
                "name": name, "handles": handles, "material_connection": connection, "owner": owner,
                "contract_start": (now - timedelta(days=120)).date().isoformat(),
                "contract_end": (now + timedelta(days=245)).date().isoformat(),
                "products": ["Glucavio"] if slug == "northwind" else ["Velantra"]})
        count += 1
        for j, (platform, media, text) in enumerate(items):
            author = handles.get(platform) or next(iter(handles.values()))
            when = now - timedelta(days=12 - i % 10, hours=j * 5)
            posts.setdefault(name, []).append(send(client, platform, author, text, when, media=media,
                                                   language=LANGUAGES.get(name, "en")))
            count += 1
    if "northwind" in clients:
        nw = clients["northwind"]
        # Maya corrects her post after the task: the edit is checked again and the task closes.
        failing = posts["Maya Reyes"][1]
        send(nw, "instagram", "mayaglows", "#ad Sunday meal prep with my Glucavio pen on the counter!\nLink in bio",
             failing.created_at + timedelta(hours=20), edit_of=failing.external_id)
        with demo_clock(failing.created_at + timedelta(hours=21)):
            count += len(actions.recheck_edited())
        # Comments under her sponsored post are the client's own (one reports a side effect).
        sponsored = posts["Maya Reyes"][0]
        for k, (who, text) in enumerate([
                ("kelly.r", "Love this! Where do you keep the pen when travelling?"),
                ("marcus_t2d", "Started Glucavio last month after your video and I've had nausea and vomiting every "
                               "morning since"),
                ("anna.b", "So helpful, thank you!")]):
            send(nw, "instagram", who, text, sponsored.created_at + timedelta(hours=2 + k), kind="comment",
                 thread=sponsored.thread_key)
            count += 1
        count += _ugc(nw, supervisor, send, now)
        count += _giveaway(nw, supervisor, send, now)
    return count


def _ugc(client: Client, supervisor: User, send: _Sender, now: datetime) -> int:
    """One request in each state: requested, granted (and used), declined, revoked, expired."""
    from carewatch.demo.safety import demo_clock
    from carewatch.programs.models import RightsRequest

    count = 0
    stories = [
        ("requested", "tasha.walks", "Morning walk, 10k steps before 8am 🌅 #glucavio", 2),
        ("granted", "ben_cooks", "My Glucavio-friendly lasagna, recipe in comments #glucavio", 6),
        ("declined", "lou.diaries", "One year with type 2 and finally feeling like me again #glucavio", 5),
        ("revoked", "hanna.h", "Pen + planner = my Sunday ritual #glucavio", 9),
        ("expired", "old.friend", "Throwback to our diabetes camp 2025 #glucavio", 12),
    ]
    for state, author, text, days in stories:
        posted = now - timedelta(days=days)
        post = send(client, "instagram", author, text, posted)
        with demo_clock(posted + timedelta(hours=1)):
            req = actions.do_request_rights(supervisor, post)
        count += 1
        if state in ("granted", "revoked", "expired"):
            send(client, "instagram", author, "#YesGlucavio of course, happy to share!", posted + timedelta(hours=3),
                 kind="comment", thread=post.thread_key)
            count += 1
        if state == "granted":
            req.refresh_from_db()
            with demo_clock(posted + timedelta(days=1)):
                actions.do_record_use(supervisor, req, "Instagram carousel “Real kitchens”")
            count += 1
        if state == "expired":  # a one-week licence, agreed for a past campaign
            req.refresh_from_db()
            with demo_clock(posted + timedelta(hours=4)):
                actions.do_set_rights_expiry(supervisor, req, posted + timedelta(days=7))
            count += 1
        if state == "declined":
            with demo_clock(posted + timedelta(hours=5)):
                actions.do_record_decline(supervisor, req, "the author said no in a DM")
            count += 1
        if state == "revoked":
            send(client, "instagram", author, "Hi, could you please take it down now? Thanks",
                 posted + timedelta(days=4), kind="comment", thread=post.thread_key)
            count += 1
    with demo_clock(now):
        count += actions.expire_rights()
    assert RightsRequest.objects.filter(client=client).count() >= len(stories)
    return count


def _giveaway(client: Client, supervisor: User, send: _Sender, now: datetime) -> int:
    from carewatch.demo.safety import demo_clock

    start, end = now - timedelta(days=10), now - timedelta(days=3)
    rules = "https://northwind.example/winter-giveaway-rules"
    announcement = (f"❄️ Winter wellness giveaway! Comment your favourite winter walk to enter. No purchase necessary. "
                    f"US residents 18+. Official rules: {rules}. By entering you release Instagram from all liability. "
                    "This promotion is not sponsored, endorsed or administered by, or associated with, Instagram.")
    post = send(client, "instagram", "glucavio", announcement, start, kind="post", direction="out")
    with demo_clock(start - timedelta(hours=1)):
        g: Giveaway = actions.do_define_giveaway(supervisor, client, {
            "name": "Winter wellness kit", "rules_url": rules, "starts_at": start, "ends_at": end,
            "platforms": ["instagram"], "posts": [{"channel_id": post.channel_id, "thread_key": post.thread_key}],
            "entry_method": "comment", "min_age": 18, "countries": ["US"], "winners_count": 2,
            "alternates_count": 2, "prize": "Wellness kit (insulated bottle, walking poles)",
            "prize_value": Decimal("120"), "announcement": announcement, "excluded_handles": ["priya.at.agency"]})
    entries = [("walker.jess", "The lake loop at sunrise"), ("dm_runner", "Riverside trail!"),
               ("walker.jess", "Also the park 😄"), ("priya.at.agency", "Botanical garden"),
               ("sam.hikes", "Ridge path with my dog"), ("tee.k", "Downtown lights walk"),
               ("olu.a", "Glucavio has given me bad stomach pain on walks lately, anyone else?"),
               ("mina.w", "Beach in winter is the best"), ("late.larry", "Is it too late? Snowy forest!")]
    for k, (who, text) in enumerate(entries):
        when = start + timedelta(hours=6 + k * 9) if who != "late.larry" else end + timedelta(hours=5)
        send(client, "instagram", who, text, when, kind="comment", thread=post.thread_key)
    with demo_clock(end + timedelta(days=1)):
        actions.collect_entries(g)
        actions.do_draw(supervisor, g)
    return len(entries) + 3
