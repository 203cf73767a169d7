from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from carewatch.api import api
from carewatch.audit import views as audit_views
from carewatch.identity import views as identity_views
from carewatch.ops import views as ops_views
from carewatch.replies.views import short_link_view
from carewatch.sources.views import channels_view
from carewatch.sources.webhooks import webhook_view

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="inbox:queue", permanent=False), name="home"),
    path("login/", identity_views.login_view, name="login"),
    path("login/sso/", include("carewatch.identity.sso_urls")),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", include("carewatch.identity.urls")),
    path("inbox/", include("carewatch.inbox.urls")),
    path("safety/reports/", include("carewatch.safety.report_urls")),
    path("safety/", include("carewatch.safety.urls")),
    path("", include("carewatch.escalation.urls")),
    path("triage/", include("carewatch.triage.urls")),
    path("routing/", include("carewatch.routing.urls")),
    path("", include("carewatch.notifications.urls")),
    path("demo/", include("carewatch.demo.urls")),
    path("sla/", include("carewatch.sla.urls")),
    path("settings/", include("carewatch.configuration.urls")),
    path("replies/", include("carewatch.replies.urls")),
    path("reports/", include("carewatch.reports.urls")),
    path("programs/", include("carewatch.programs.urls")),
    path("content/", include("carewatch.content.urls")),
    path("l/<str:code>", short_link_view, name="short-link"),
    path("channels/", channels_view, name="channels"),
    path("audit/", audit_views.audit_view, name="audit"),
    path("audit/export.csv", audit_views.audit_export_view, name="audit-export"),
    path("crisis/", include("carewatch.crisis.urls")),
    path("webhooks-out/", include("carewatch.hooks_out.urls")),
    path("healthz", ops_views.healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("hooks/<slug:source_name>/", webhook_view, name="webhook"),
]
