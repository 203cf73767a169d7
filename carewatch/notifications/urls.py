"""Include at the root: ``path("", include("carewatch.notifications.urls"))``."""

from django.urls import path

from carewatch.notifications import views

app_name = "notifications"
urlpatterns = [
    path("notifications/", views.list_view, name="list"),
    path("notifications/<int:notification_id>/open/", views.open_view, name="open"),
    path("notifications/read-all/", views.read_all_view, name="read_all"),
    path("notifications/digest/", views.digest_view, name="digest"),
    path("approvals/", views.approvals_view, name="approvals"),
]
