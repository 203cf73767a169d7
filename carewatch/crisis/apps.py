from django.apps import AppConfig


class CrisisConfig(AppConfig):
    name = "carewatch.crisis"
    label = "crisis"
    verbose_name = "Crisis"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from carewatch.crisis.queries import pinned_holding_keys
        from carewatch.responses import library

        library.HOLDING_PINS.append(pinned_holding_keys)
