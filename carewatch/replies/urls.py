"""Mounted by the project at ``replies/`` (namespace ``responses``: the former app's, kept so every
URL name still resolves). The public short link ``l/<code>`` is mounted at the root (see
``short_link_urlpatterns``)."""

from django.urls import path

from carewatch.replies import views

app_name = "responses"
urlpatterns = [
    path("case/<int:case_id>/lint/", views.lint_view, name="lint"),
    path("case/<int:case_id>/compose/", views.compose_view, name="compose"),
    path("reply/<int:reply_id>/approve/", views.approve_view, name="approve"),
    path("reply/<int:reply_id>/reject/", views.reject_view, name="reject"),
    path("templates/", views.templates_view, name="templates"),
    path("templates/new/", views.template_create_view, name="template-create"),
    path("templates/<int:template_id>/", views.template_view, name="template"),
    path("templates/<int:template_id>/versions/", views.version_create_view, name="version-create"),
    path("versions/<int:version_id>/act/", views.version_act_view, name="version-act"),
    path("versions/<int:version_id>/record.pdf", views.version_pdf_view, name="version-pdf"),
]

# Public, no login: ``path("l/<str:code>", short_link_view, name="short-link")`` at the root.
short_link_urlpatterns = [
    path("l/<str:code>", views.short_link_view, name="short-link"),
]
