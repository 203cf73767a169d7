"""Mounted by the project at ``content/`` (namespace ``content``)."""

from django.urls import path

from carewatch.content import views

app_name = "content"
urlpatterns = [
    path("", views.calendar_view, name="calendar"),
    path("new/", views.new_view, name="new"),
    path("create/", views.create_view, name="create"),
    path("campaigns/", views.campaign_view, name="campaign"),
    path("post/<int:post_id>/", views.post_view, name="post"),
    path("post/<int:post_id>/edit/", views.edit_view, name="edit"),
    path("post/<int:post_id>/act/", views.act_view, name="act"),
    path("post/<int:post_id>/approve/", views.approve_view, name="approve"),
    path("post/<int:post_id>/reschedule/", views.reschedule_view, name="reschedule"),
    path("publication/<int:publication_id>/resolve/", views.resolve_view, name="resolve"),
    path("watch/", views.watch_view, name="watch"),
    path("record/", views.record_view, name="record"),
    path("record.csv", views.record_csv_view, name="record-csv"),
    path("record.pdf", views.record_pdf_view, name="record-pdf"),
]
