from __future__ import annotations

import time
from typing import Any

from click.testing import CliRunner

from carewatch.cli import main
from carewatch.inbox.models import Mention
from carewatch.lib.secrets import seal
from carewatch.sources import spool
from carewatch.sources.models import InboundEvent
from carewatch.sources.simulate import KEEPALIVE_EXPIRY_S, Generator, run
from carewatch.sources.webhooks import handing_on
from carewatch.tenancy.models import Channel, Client, Product


def wait_until_handed_on(expected_mentions: int) -> None:
    """The server answers 200 before it hands the event on, and the test's tasks run in the
    server's thread: wait for every mention, then for that thread to finish the pipeline, so the
    test's end (a TRUNCATE on PostgreSQL) never meets its writes (a deadlock seen in CI)."""
    deadline = time.monotonic() + 60
    while Mention.objects.count() < expected_mentions and time.monotonic() < deadline:
        time.sleep(0.1)
    while handing_on() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not handing_on()


def setup_client() -> Client:
    client = Client.objects.create(slug="northwind", name="Northwind")
    Product.objects.create(client=client, name="Glucavio", generic="semaglutide")
    for platform, handle, external in (("facebook", "NorthwindRx", "1234567890"), ("instagram", "northwind", "17841")):
        Channel.objects.create(client=client, platform=platform, handle=handle, external_id=external,
                               secrets={"app_secret": seal("sim-secret"), "verify_token": seal("v")})
    Channel.objects.create(client=client, platform="youtube", handle="NorthwindTV", external_id="UC1")  # pull: skipped
    return client


def test_simulated_webhooks_are_accepted_and_every_message_arrives_exactly_once(live_server: Any, transactional_db: Any) -> None:
    client = setup_client()
    generator = Generator(list(client.channels.all()), ["Glucavio"], seed=3)
    assert {c.platform for c, _, _ in generator.builders} == {"facebook", "instagram"}
    stats = run(live_server.url, generator, rate=40, duration=1.5, workers=4)
    assert stats.sent == 60 and stats.ok == 60, stats.errors
    assert InboundEvent.objects.count() + spool.waiting() == 60  # stored (on SQLite: spooled) before each 200
    # Processing runs after the 200 (enqueued when the server closes the response): wait for it.
    wait_until_handed_on(60)
    assert InboundEvent.objects.count() == 60 and spool.waiting() == 0
    assert Mention.objects.filter(external_id__in=stats.mention_ids).count() == 60
    assert all(m.text for m in Mention.objects.all())


def test_the_simulate_command_reports_a_summary_and_refuses_an_unknown_client(live_server: Any, transactional_db: Any) -> None:
    setup_client()
    runner = CliRunner()
    result = runner.invoke(main, ["simulate", "--url", live_server.url, "--client", "northwind", "--rate", "20/s",
                                  "--duration", "1"])
    assert result.exit_code == 0, result.output
    assert '"sent": 20' in result.output and '"ok": 20' in result.output
    wait_until_handed_on(20)
    bad = runner.invoke(main, ["simulate", "--client", "nobody", "--duration", "1"])
    assert bad.exit_code != 0 and "cannot simulate nobody" in bad.output
    rate = runner.invoke(main, ["simulate", "--client", "northwind", "--rate", "fast"])
    assert rate.exit_code != 0 and "requests per second" in rate.output


def test_the_simulator_retires_idle_connections_before_the_server_closes_them() -> None:
    from carewatch.cli import KEEPALIVE_S

    # Reusing a connection the server is closing loses the request (a ReadError, nothing stored).
    assert 0 < KEEPALIVE_EXPIRY_S < KEEPALIVE_S
