"""Real local servers for the escalation tests: an SMTP server (aiosmtpd) that the desk's SMTP
backend delivers to, and an HTTP server that receives webhooks. No mocks of either."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from carewatch.escalation.email_settings import escalation_settings
from carewatch.tenancy.models import Client


@pytest.fixture(autouse=True)
def escalation_urls(settings: Any) -> None:
    settings.ROOT_URLCONF = "tests.escalation.urls"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Mail:
    to: list[str]
    message: Message
    arrived: float

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def body(self) -> str:
        payload = self.message.get_payload(decode=True)
        assert isinstance(payload, bytes)
        return payload.decode()

    @property
    def text(self) -> str:
        return f"{self.subject}\n{self.body}"


@dataclass
class Mailbox:
    host: str
    port: int
    mails: list[Mail] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.mails.append(Mail(list(envelope.rcpt_tos), message_from_bytes(envelope.content), time.time()))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Mail]:
        with self.lock:
            return [m for m in self.mails if address in m.to]

    def clear(self) -> None:
        with self.lock:
            self.mails.clear()


@pytest.fixture
def smtp(settings: Any) -> Iterator[Mailbox]:
    """A real SMTP server on a free port; the desk is configured for it by CAREWATCH_EMAIL_URL."""
    port = free_port()
    box = Mailbox("127.0.0.1", port)
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    for key, value in escalation_settings({"CAREWATCH_EMAIL_URL": f"smtp://127.0.0.1:{port}?from=desk@agency.test",
                                           "CAREWATCH_BASE_URL": "https://desk.agency.test"}).items():
        setattr(settings, key, value)
    try:
        yield box
    finally:
        controller.stop()


@dataclass
class Hooks:
    url: str
    received: list[dict[str, Any]] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)  # answers to give, in order (then 200)
    lock: threading.Lock = field(default_factory=threading.Lock)


@pytest.fixture
def webhooks() -> Iterator[Hooks]:
    """A real HTTP server standing in for a Slack/Teams incoming webhook."""
    server: ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            with hooks.lock:
                status = hooks.statuses.pop(0) if hooks.statuses else 200
                if status == 200:
                    hooks.received.append(body)
                    hooks.paths.append(self.path)
            self.send_response(status)
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    hooks = Hooks(f"http://127.0.0.1:{server.server_address[1]}/services/T0001/B0001/s3cr3tPath")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield hooks
    finally:
        server.shutdown()
        server.server_close()


def protocol(client: Client, **extra: Any) -> Client:
    """Give ``client`` settings (the escalation blocks as config-as-code writes them)."""
    client.settings = {**(client.settings or {}), **extra}
    client.save()
    return client


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """Run ``fn`` and then what it enqueued on commit (tasks run in-process in the test settings)."""

    def run(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        # Callbacks enqueue tasks whose own on-commit callbacks must run too.
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run
