from __future__ import annotations

from django.apps import AppConfig


class PipelineConfig(AppConfig):
    name = "carewatch.pipeline"
    label = "pipeline"
    verbose_name = "Pipeline"

    def ready(self) -> None:
        # The ingest task (a lower layer) hands each batch of new mentions to the step order
        # defined here, at the top of the house; without it the task refuses to run.
        from django.conf import settings
        from django.core.exceptions import ImproperlyConfigured

        from carewatch.inbox import ingest
        from carewatch.pipeline.order import OPTIONAL_STEPS, screen_new_mentions

        unknown = set(settings.CAREWATCH_PIPELINE_OFF) - set(OPTIONAL_STEPS)
        if unknown:
            raise ImproperlyConfigured(
                f"CAREWATCH_PIPELINE_OFF names no optional step: {', '.join(sorted(unknown))} "
                f"(optional steps: {', '.join(OPTIONAL_STEPS) or 'none'}; the compliance steps cannot be switched off)")
        ingest.set_screening(screen_new_mentions)
