"""System check of the events app: its place model (SAMVERKA_EVENTS_PLACE_MODEL, issue 20)."""

from django.apps import apps
from django.core.checks import Error, Tags, register

from .conf import PLACE_MODEL_SETTING
from .conf import settings as events_settings


@register(Tags.models)
def check_place_model(app_configs=None, **kwargs):
    label = events_settings.PLACE_MODEL
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return [
            Error(
                f"{PLACE_MODEL_SETTING} refers to '{label}', which is not an installed model.",
                hint="Leave it unset for events' own places (events.Place), or name an "
                "installed model as 'app_label.ModelName'.",
                id="samverka.E006",
            )
        ]
    missing = [name for name in ("title", "full_address") if not hasattr(model, name)]
    if missing:
        return [
            Error(
                f"The place model '{label}' ({PLACE_MODEL_SETTING}) has no "
                + " or ".join(f"'{name}'" for name in missing)
                + ".",
                hint="A place model needs a 'title' and a 'full_address'.",
                id="samverka.E007",
            )
        ]
    return []
