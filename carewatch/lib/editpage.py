"""The shape the desk's edit pages share (settings pages, routing rules).

GET shows the form. POST calls ``save``, which parses what was typed and calls the action:
it returns the message to flash and the page goes to ``done``; or it returns None (a preview:
nothing saved) and the form is shown again. A ``ValidationError`` shows the form again with
the reasons and status 400; with ``forbidden_inline``, a ``PermissionDenied`` does the same
with status 403 (a role that may edit the page but not make this change).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render


def saved_message(changed: bool, what: str) -> str:
    return f"{what} saved." if changed else f"{what}: nothing changed."


def edit_page(request: HttpRequest, template: str, save: Callable[[], str | None], done: str,
              context: Callable[[], dict[str, Any]], *, forbidden_inline: bool = False) -> HttpResponse:
    """Render ``template`` with ``context()`` (and ``error``), or save and redirect to ``done``."""
    error, status = "", 200
    if request.method == "POST":
        try:
            message = save()
        except ValidationError as exc:
            error, status = "; ".join(exc.messages), 400
        except PermissionDenied as exc:
            if not forbidden_inline:
                raise
            error, status = str(exc), 403
        else:
            if message is not None:
                messages.success(request, message)
                return HttpResponseRedirect(done)
    return render(request, template, {**context(), "error": error}, status=status)
