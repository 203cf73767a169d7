"""Include at the root: ``path("", include("carewatch.escalation.urls"))``."""

from django.urls import path

from carewatch.escalation import views

app_name = "escalation"
urlpatterns = [
    path("ack/<str:token>/", views.ack_link_view, name="ack_link"),
    path("escalations/", views.escalation_list_view, name="list"),
    path("escalations/<int:escalation_id>/", views.escalation_detail_view, name="detail"),
    path("escalations/<int:escalation_id>/ack/", views.escalation_ack_view, name="ack"),
]
