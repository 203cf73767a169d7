from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "carewatch.safety"
    label = "safety"
    verbose_name = "Safety cases"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from carewatch.identity.signatures import register
        from carewatch.safety.models import SafetyCase
        from carewatch.safety.signing import signed_content

        register(SafetyCase, signed_content)

        from carewatch.inbox import actions as inbox_actions
        from carewatch.inbox import views as inbox_views
        from carewatch.safety.actions import case_page_panel, refuse_close_while_pending

        inbox_actions.CLOSE_GUARDS.append(refuse_close_while_pending)
        inbox_views.CASE_PAGE_PANELS.append(case_page_panel)
