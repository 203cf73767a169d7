"""The new-post form, refused, comes back with everything typed: the title, the texts for each
platform, the ticked channels, the planned time, the media and links, the checkboxes."""

from __future__ import annotations

from django.test import Client as HttpClient

from carewatch.content.models import Post
from carewatch.tenancy.models import Client, User
from tests.content.conftest import channel


def test_a_refused_new_post_keeps_its_title_texts_channels_time_and_boxes(content_client: Client,
                                                                          alice: User) -> None:
    writer = HttpClient()
    writer.force_login(alice)
    facebook = channel(content_client, "facebook")
    answer = writer.post("/content/create/", {
        "client": "northwind", "title": "World Diabetes Day", "planned": "2026-12-24T09:00",
        "text_facebook": "Small habits, big difference.", "text_x": "Small habits #WDD",
        "channels": [str(facebook.pk), str(channel(content_client, "x").pk), str(channel(content_client, "linkedin").pk)],
        "links": "https://northwind.example/wdd", "second": "on", "submit": "on"})
    body = answer.content.decode()
    assert answer.status_code == 200
    assert "has no LinkedIn text" in body  # refused: a LinkedIn channel is ticked without a LinkedIn text
    assert not Post.objects.filter(title="World Diabetes Day").exists()
    assert 'value="World Diabetes Day"' in body and 'value="2026-12-24T09:00"' in body
    assert ">Small habits, big difference.</textarea>" in body and ">Small habits #WDD</textarea>" in body
    assert f'value="{facebook.pk}" checked' in body
    assert ">https://northwind.example/wdd</textarea>" in body
    assert '<input type="checkbox" name="second" checked>' in body
    assert '<input type="checkbox" name="submit" checked>' in body
    assert '<input type="checkbox" name="promotional">' in body  # left unticked, stays unticked


def test_a_new_post_form_starts_promotional_with_nothing_ticked(content_client: Client, alice: User) -> None:
    writer = HttpClient()
    writer.force_login(alice)
    body = writer.get("/content/new/").content.decode()
    assert '<input type="checkbox" name="promotional" checked>' in body
    assert '<input type="checkbox" name="channels" value="' in body and " checked> Northwind" not in body
