"""Include at the root: ``path("programs/", include("carewatch.programs.urls"))``."""

from django.urls import path

from carewatch.programs import views

app_name = "programs"
urlpatterns = [
    path("influencers/", views.roster_view, name="roster"),
    path("influencers/save/", views.influencer_save_view, name="influencer-save"),
    path("influencers/<int:influencer_id>/", views.influencer_view, name="influencer"),
    path("checks/", views.checks_view, name="checks"),
    path("tasks/<int:task_id>/close/", views.task_close_view, name="task-close"),
    path("posts/<int:mention_id>/recheck/", views.recheck_view, name="recheck"),
    path("posts/<int:mention_id>/request-rights/", views.rights_request_view, name="rights-request"),
    path("rights/", views.rights_view, name="rights"),
    path("rights/export.csv", views.rights_export_view, name="rights-export"),
    path("rights/<int:rights_id>/act/", views.rights_act_view, name="rights-act"),
    path("giveaways/", views.giveaways_view, name="giveaways"),
    path("giveaways/new/", views.giveaway_new_view, name="giveaway-new"),
    path("giveaways/<int:giveaway_id>/", views.giveaway_view, name="giveaway"),
    path("giveaways/<int:giveaway_id>/act/", views.giveaway_act_view, name="giveaway-act"),
]
