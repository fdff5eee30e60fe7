import importlib
import importlib.util

from django.apps import apps


def collect(module_name: str, attribute: str) -> list:
    """Concatenate `attribute` from `<app>.<module_name>` of every installed app that has one."""
    found = []
    for config in apps.get_app_configs():
        if importlib.util.find_spec(f"{config.name}.{module_name}") is not None:
            found.extend(
                getattr(importlib.import_module(f"{config.name}.{module_name}"), attribute)
            )
    return found
