"""Include at ``webhooks-out/``."""

from django.urls import path

from carewatch.hooks_out import views

app_name = "hooks_out"
urlpatterns = [
    path("", views.list_view, name="list"),
    path("new/", views.create_view, name="create"),
    path("<int:endpoint_id>/", views.endpoint_view, name="endpoint"),
    path("<int:endpoint_id>/enable/", views.enable_view, name="enable"),
    path("<int:endpoint_id>/disable/", views.disable_view, name="disable"),
    path("deliveries/<int:delivery_id>/replay/", views.replay_view, name="replay"),
]
