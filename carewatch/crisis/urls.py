"""Include at ``crisis/``."""

from django.urls import path

from carewatch.crisis import views

app_name = "crisis"
urlpatterns = [
    path("", views.home_view, name="home"),
    path("alerts/<int:alert_id>/", views.alert_view, name="alert"),
    path("alerts/<int:alert_id>/acknowledge/", views.alert_acknowledge_view, name="alert_acknowledge"),
    path("alerts/<int:alert_id>/dismiss/", views.alert_dismiss_view, name="alert_dismiss"),
    path("alerts/<int:alert_id>/promote/", views.alert_promote_view, name="alert_promote"),
    path("incidents/declare/", views.declare_view, name="declare"),
    path("incidents/<int:incident_id>/", views.incident_view, name="incident"),
    path("incidents/<int:incident_id>/chart/", views.incident_chart_view, name="incident_chart"),
    path("incidents/<int:incident_id>/roles/", views.incident_roles_view, name="incident_roles"),
    path("incidents/<int:incident_id>/check/", views.incident_check_view, name="incident_check"),
    path("incidents/<int:incident_id>/stand-down/", views.incident_stand_down_view, name="incident_stand_down"),
    path("incidents/<int:incident_id>/summary.pdf", views.incident_pdf_view, name="incident_pdf"),
]
