"""Include at the root: ``path("routing/", include("carewatch.routing.urls"))``."""

from django.urls import path

from carewatch.routing import views

app_name = "routing"
urlpatterns = [
    path("", views.index_view, name="index"),
    path("<slug:slug>/", views.rules_view, name="rules"),
    path("<slug:slug>/new/", views.new_rule_view, name="new"),
    path("<slug:slug>/<int:rule_id>/", views.rule_view, name="rule"),
]
