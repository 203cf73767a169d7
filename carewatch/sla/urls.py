"""Include at the root: ``path("sla/", include("carewatch.sla.urls"))``."""

from django.urls import path

from carewatch.sla import views

app_name = "sla"
urlpatterns = [
    path("case/<int:case_id>/touch/", views.record_touch_view, name="record_touch"),
]
