from django.apps import AppConfig


class TenancyConfig(AppConfig):
    name = "carewatch.tenancy"
    label = "tenancy"

    def ready(self) -> None:
        from carewatch.tenancy import signals  # noqa: F401
