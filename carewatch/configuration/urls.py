"""Include at the root: ``path("settings/", include("carewatch.configuration.urls"))``."""

from django.urls import path

from carewatch.configuration import views

app_name = "configuration"
urlpatterns = [
    path("", views.index_view, name="index"),
    path("<slug:slug>/sla/", views.sla_view, name="sla"),
    path("<slug:slug>/escalation/", views.protocols_view, name="protocols"),
    path("<slug:slug>/escalation/<slug:category>/", views.protocol_view, name="protocol"),
    path("<slug:slug>/oncall/", views.rotations_view, name="rotations"),
    path("<slug:slug>/oncall/<slug:rotation>/", views.rotation_view, name="rotation"),
    path("<slug:slug>/channels/", views.channels_view, name="channels"),
    path("<slug:slug>/channels/<int:channel_id>/", views.channel_view, name="channel"),
]
