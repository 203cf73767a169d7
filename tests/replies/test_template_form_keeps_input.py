"""The template library's "new template" form, refused, comes back with what was typed."""

from __future__ import annotations

from django.test import Client as HttpClient

from carewatch.replies.models import Template
from carewatch.tenancy.models import Client, User


def test_a_refused_new_template_keeps_the_key_name_language_and_category_typed(northwind: Client,
                                                                               sam: User) -> None:
    writer = HttpClient()
    writer.force_login(sam)
    response = writer.post("/replies/templates/new/", {
        "client": "northwind", "key": "Giveaway Rules!", "language": "es", "category": "giveaway",
        "name": "Reglas del sorteo"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "a template key is lower-case letters, digits and dashes" in body
    assert 'value="Giveaway Rules!"' in body and 'value="Reglas del sorteo"' in body and 'value="es"' in body
    assert '<option value="giveaway" selected>' in body
    assert not Template.objects.filter(client=northwind).exists()


def test_the_new_template_form_starts_in_english(northwind: Client, sam: User) -> None:
    writer = HttpClient()
    writer.force_login(sam)
    body = writer.get("/replies/templates/").content.decode()
    assert '<input type="text" name="language" maxlength="8" value="en">' in body
