from django.apps import AppConfig


class CrisisConfig(AppConfig):
    name = "carewatch.crisis"
    label = "crisis"
    verbose_name = "Crisis"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from carewatch.crisis.approval import incident_hold
        from carewatch.crisis.queries import pinned_holding_keys
        from carewatch.replies import library
        from carewatch.replies.gate import register_hold

        library.HOLDING_PINS.append(pinned_holding_keys)  # holding statements pinned in the composer
        register_hold(incident_hold)  # replies in an incident wait for its approver
