from django.urls import path

from carewatch.identity import views

app_name = "identity"

urlpatterns = [
    path("2fa/setup/", views.setup_view, name="setup"),
    path("2fa/verify/", views.verify_view, name="verify"),
    path("sessions/", views.sessions_view, name="sessions"),
    path("sessions/<int:pk>/end/", views.end_session_view, name="end_session"),
    path("sessions/end-others/", views.end_other_sessions_view, name="end_other_sessions"),
]
