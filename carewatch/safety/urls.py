from django.urls import path

from carewatch.safety import views

app_name = "safety"
urlpatterns = [
    path("", views.queue_view, name="queue"),
    path("<int:pk>/", views.case_view, name="case"),
    path("<int:pk>/act/", views.act_view, name="act"),
    path("<int:pk>/e2b.xml", views.e2b_view, name="e2b"),
    path("<int:pk>/medwatch.json", views.medwatch_view, name="medwatch"),
    path("open/", views.open_view, name="open"),
]
