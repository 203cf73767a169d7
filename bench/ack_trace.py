"""Where a webhook's acknowledgement waits: summarise a traced `bench/webhooks.py` run.

    CAREWATCH_ACCESS_LOG=1 CAREWATCH_WRITER_TRACE=/tmp/trace \\
        .venv/bin/python bench/webhooks.py --no-ramp --server-log /tmp/trace/server.log
    .venv/bin/python bench/ack_trace.py /tmp/trace

Reads the server's access log (gunicorn's request time ``%(M)s``: from the parsed request to the
response written, so the time a request waited for a thread or in the socket's queue is not in it)
and, if the code records them (``CAREWATCH_WRITER_TRACE``, ``lib/sqlite/writers.py``), every hold
of an SQLite writer lock: per lock file and role (``web``: requests; ``bg``: the worker), how long
each waited for it and held it, and the share of the time it was held. Compare the access log's
p99 with the client's: the difference is queueing before the view (CPU, threads, connections).
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

from _common import percentile

ACCESS = re.compile(r'"POST /hooks/\S+" (\d{3}) \S+ (\d+)ms')


def summary(directory: Path) -> None:
    log = directory / "server.log"
    times = [int(m.group(2)) for line in log.read_text(errors="replace").splitlines()
             if (m := ACCESS.search(line))] if log.exists() else []
    if times:
        print(f"server-side request time (access log, {len(times)} webhooks): p50 {percentile(times, 50)} ms, "
              f"p99 {percentile(times, 99)} ms, max {max(times)} ms")
    holds: dict[tuple[str, str], list[tuple[float, float, float]]] = defaultdict(list)
    for path in directory.glob("writers.*"):
        for line in path.read_text().splitlines():
            asked, waited, held, role, lock = line.split()
            holds[(lock, role)].append((float(asked), float(waited), float(held)))
    if not holds:
        return
    start = min(a for rows in holds.values() for a, _, _ in rows)
    end = max(a + (w + h) / 1000 for rows in holds.values() for a, w, h in rows)
    print(f"writer-lock holds over {end - start:.1f} s:")
    for (lock, role), rows in sorted(holds.items()):
        waits = [w for _, w, _ in rows]
        held = [h for _, _, h in rows]
        print(f"  {lock:32} {role:3} n={len(rows):6}  wait p50 {percentile(waits, 50):7.2f} p99 "
              f"{percentile(waits, 99):7.2f} max {max(waits):7.1f} ms   hold p50 {percentile(held, 50):6.2f} p99 "
              f"{percentile(held, 99):7.2f} max {max(held):7.1f} ms   held {sum(held) / 1000 / (end - start):.0%}")


if __name__ == "__main__":
    summary(Path(sys.argv[1]))
