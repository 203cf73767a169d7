"""A fingerprint of what `carewatch demo` leaves in the database, to prove that a change to the
load's speed changed nothing the demo's user sees.

Loads the demo (``--mentions``, default 600) into a fresh SQLite data directory with Django's clock
fixed (``--now``, default 2026-12-01T12:00Z; the load's own history clock still moves through the
two weeks), then hashes every table: every row of every model, every column, in primary-key order.
Secrets and salts (``VOLATILE``) are left out; what differs between two runs of the same code
(``RANDOM_COLUMNS``, ``RANDOM_AUDIT_ACTIONS``) is reported apart. Every audit action's events
(time, actor, client, object, data, in order) are hashed on their own. Prints one line per table
and, last, a JSON line; ``--out FILE`` keeps the JSON to compare two runs:

    .venv/bin/python bench/demo_fingerprint.py --out /tmp/before.json   # on the old code
    .venv/bin/python bench/demo_fingerprint.py --out /tmp/after.json --compare /tmp/before.json
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import ROOT, env_for

# Columns left out of every table (salts, secrets).
VOLATILE = {
    "*": ["password", "secrets", "secret", "token", "token_hash", "key_hash", "nonce", "salt"],
}
# What differs between two runs of the same code (2026-12-07, measured on 7c15663): the giveaway draw's
# random seed (its winners and its audit event, hence the chain's hashes), random tokens and keys, and
# the users' date_joined (a default taken at import, not the patched clock). ``--compare`` says
# whether anything else differs.
RANDOM_COLUMNS = {
    "audit_auditevent.data", "audit_auditevent.hash", "audit_auditevent.prev_hash", "audit_chainhead.hash",
    "content_publication.idempotency_key", "escalation_notification.ack_token_id", "programs_giveaway.alternates",
    "programs_giveaway.seed", "programs_giveaway.winners", "tenancy_user.date_joined",
}
RANDOM_AUDIT_ACTIONS = {"programs.giveaway.draw"}

CHILD = r"""
import hashlib, json, sys
from datetime import datetime
from unittest import mock
sys.path.insert(0, {root!r})
import django
django.setup()
from django.apps import apps
from carewatch.demo.load import load_demo

now = datetime.fromisoformat({now!r})
volatile = set({volatile!r})
with mock.patch("django.utils.timezone.now", new=lambda: now):
    summary = load_demo(mentions={mentions}, now=now)
out = {{"summary": summary, "tables": {{}}, "rows": {{}}}}
for model in apps.get_models():
    if model._meta.proxy or not model._meta.managed:
        continue
    fields = [f.attname for f in model._meta.concrete_fields if f.attname not in volatile]
    rows = list(model._base_manager.order_by("pk").values_list(*fields))
    digest = hashlib.sha256(json.dumps([fields, rows], default=str, sort_keys=True).encode()).hexdigest()
    out["tables"][model._meta.db_table] = digest[:16]
    out["rows"][model._meta.db_table] = len(rows)
    out.setdefault("columns", {{}})[model._meta.db_table] = {{
        name: hashlib.sha256(json.dumps([r[i] for r in rows], default=str).encode()).hexdigest()[:16]
        for i, name in enumerate(fields)}}
from carewatch.audit.models import AuditEvent, ChainHead
by_action = {{}}
for row in AuditEvent.objects.order_by("seq").values_list("action", "seq", "at", "actor_id", "actor_label",
                                                            "client_id", "object_type", "object_id", "data"):
    by_action.setdefault(row[0], []).append(row[1:])
out["audit_by_action"] = {{action: [len(rows), hashlib.sha256(json.dumps(rows, default=str, sort_keys=True)
                                                             .encode()).hexdigest()[:16]]
                          for action, rows in by_action.items()}}
head = ChainHead.objects.filter(id=1).first()
out["audit_head"] = [head.seq, head.hash] if head else None
print("FINGERPRINT " + json.dumps(out))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mentions", type=int, default=600)
    parser.add_argument("--now", default="2026-12-01T12:00:00+00:00")
    parser.add_argument("--out", default="")
    parser.add_argument("--compare", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cw-bench-fp-") as tmp:
        env = env_for(Path(tmp))
        subprocess.run([sys.executable, "-m", "carewatch.cli", "migrate"], env=env, check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL)
        code = CHILD.format(root=str(ROOT), now=args.now, mentions=args.mentions, volatile=VOLATILE["*"])
        done = subprocess.run([sys.executable, "-c", code], env=env, check=True, cwd=ROOT, capture_output=True,
                              text=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith("FINGERPRINT "))
    result = json.loads(line.removeprefix("FINGERPRINT "))
    for table, digest in sorted(result["tables"].items()):
        if result["rows"][table]:
            print(f"{table:40s} {result['rows'][table]:7d} rows  {digest}")
    print(f"audit head: {result['audit_head']}")
    if args.out:
        Path(args.out).write_text(json.dumps(result, sort_keys=True), encoding="utf-8")
    if args.compare:
        before = json.loads(Path(args.compare).read_text(encoding="utf-8"))
        differ = sorted(f"{t}.{c}" for t in set(before["columns"]) | set(result["columns"])
                        for c in set(before["columns"].get(t, {})) | set(result["columns"].get(t, {}))
                        if before["columns"].get(t, {}).get(c) != result["columns"].get(t, {}).get(c))
        actions = sorted(a for a in set(before.get("audit_by_action", {})) | set(result["audit_by_action"])
                         if before.get("audit_by_action", {}).get(a) != result["audit_by_action"].get(a))
        print(f"compared with {args.compare}: columns {'SAME' if not differ else 'DIFFERENT: ' + ', '.join(differ)}"
              f"; audit events {'SAME' if not actions else 'DIFFERENT: ' + ', '.join(actions)}"
              f"; audit head {'same' if before['audit_head'] == result['audit_head'] else 'different'}")
        unexplained = sorted(set(differ) - RANDOM_COLUMNS) + sorted(set(actions) - RANDOM_AUDIT_ACTIONS)
        print("apart from what differs between two runs of the same code: "
              + ("SAME" if not unexplained else "DIFFERENT: " + ", ".join(unexplained)))
    print(json.dumps({"bench": "demo_fingerprint", "mentions": args.mentions, "audit_head": result["audit_head"],
                      "tables": result["tables"], "volatile": VOLATILE}))


if __name__ == "__main__":
    main()
