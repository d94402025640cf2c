# SPDX-License-Identifier: MPL-2.0
from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "forebyg.cases"
    label = "cases"

    def ready(self) -> None:
        from django.core import checks

        from . import revisions

        checks.register(_check_type_models)
        revisions.connect()


def _check_type_models(app_configs, **kwargs):
    """Every interchange record type needs a model (apps register theirs in ready())."""
    from django.core import checks

    from .models import missing_type_models

    missing = sorted(missing_type_models())
    return [checks.Error(f"Interchange record types without a model: {', '.join(missing)}",
                         hint="Call forebyg.cases.models.register_type_model in the app's ready().",
                         id="cases.E001")] if missing else []
