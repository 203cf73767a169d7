"""Listening feeds, played locally: any feed on an ``.example`` host is a valid, empty RSS document."""

from __future__ import annotations

import httpx

EMPTY_RSS = (b'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Sandbox listening feed'
             b'</title><link>https://listening.example/</link><description>No new items</description></channel></rss>')


def serves(request: httpx.Request) -> bool:
    return request.method == "GET" and request.url.host.endswith(".example")


def answer(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=EMPTY_RSS, headers={"content-type": "application/rss+xml"})
