from django.urls import path

from carewatch.triage import views

app_name = "triage"
urlpatterns = [
    path("review/", views.review_view, name="review"),
]
