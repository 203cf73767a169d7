from django.urls import path

from carewatch.identity import passkey_views, views

app_name = "identity"

urlpatterns = [
    path("2fa/setup/", views.setup_view, name="setup"),
    path("2fa/verify/", views.verify_view, name="verify"),
    # security keys and passkeys (WebAuthn): JSON for identity/static/identity/webauthn.js
    path("2fa/webauthn/register/options/", passkey_views.register_options_view, name="webauthn_register_options"),
    path("2fa/webauthn/register/", passkey_views.register_view, name="webauthn_register"),
    path("2fa/webauthn/login/options/", passkey_views.login_options_view, name="webauthn_login_options"),
    path("2fa/webauthn/login/", passkey_views.login_view, name="webauthn_login"),
    path("2fa/webauthn/sign/options/", passkey_views.sign_options_view, name="webauthn_sign_options"),
    path("2fa/webauthn/remove/", passkey_views.remove_view, name="webauthn_remove"),
    path("2fa/recovery-codes/", passkey_views.recovery_codes_view, name="recovery_codes"),
    path("sessions/", views.sessions_view, name="sessions"),
    path("sessions/<int:pk>/end/", views.end_session_view, name="end_session"),
    path("sessions/end-others/", views.end_other_sessions_view, name="end_other_sessions"),
]
