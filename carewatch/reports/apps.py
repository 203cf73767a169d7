from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "carewatch.reports"
    label = "reports"
    verbose_name = "Reports, rollups and dashboards"
    default_auto_field = "django.db.models.BigAutoField"
