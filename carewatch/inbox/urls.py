from django.urls import path

from carewatch.inbox import views

app_name = "inbox"
urlpatterns = [
    path("", views.queue_view, name="queue"),
    path("bulk/", views.bulk_view, name="bulk"),
    path("case/<int:case_id>/", views.case_view, name="case"),
    path("case/<int:case_id>/assign/", views.assign_view, name="assign"),
    path("case/<int:case_id>/status/", views.status_view, name="status"),
    path("case/<int:case_id>/priority/", views.priority_view, name="priority"),
    path("case/<int:case_id>/tag/", views.tag_view, name="tag"),
    path("case/<int:case_id>/untag/", views.untag_view, name="untag"),
    path("case/<int:case_id>/note/", views.note_view, name="note"),
]
