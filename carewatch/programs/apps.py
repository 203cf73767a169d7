from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "carewatch.programs"
    label = "programs"
    verbose_name = "Programs (influencers, UGC rights, giveaways)"
    default_auto_field = "django.db.models.BigAutoField"
