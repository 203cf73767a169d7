"""Single sign-on (OpenID Connect), under /login/sso/: public, like the log-in page."""

from django.urls import path

from carewatch.identity import views

app_name = "sso"

urlpatterns = [
    path("<slug:name>/", views.sso_start_view, name="start"),
    path("<slug:name>/callback/", views.sso_callback_view, name="callback"),
]
