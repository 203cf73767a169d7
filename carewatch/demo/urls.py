"""Include at the root: ``path("demo/", include("carewatch.demo.urls"))``."""

from django.urls import path

from carewatch.demo import views

app_name = "demo"
urlpatterns = [
    path("mailbox/", views.mailbox_view, name="mailbox"),
]
