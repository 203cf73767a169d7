"""Every source of inbound events, in one table: adding a platform adds one line here."""

from __future__ import annotations

from collections.abc import Callable

from carewatch.sources.importer.parse import parse_event as parse_import
from carewatch.sources.models import InboundEvent
from carewatch.sources.normalised import ParseResult

Parser = Callable[[InboundEvent], ParseResult]

PARSERS: dict[str, Parser] = {
    "import": parse_import,
}


def parser_for(source: str) -> Parser:
    try:
        return PARSERS[source]
    except KeyError:
        raise LookupError(f"no parser registered for source {source!r}") from None
