import functools
import importlib
import importlib.util

from django.apps import apps


@functools.cache
def collect(module_name: str, attribute: str) -> tuple:
    """Concatenate `attribute` from `<app>.<module_name>` of every installed app that has one.

    Cached: the installed apps do not change while the process runs, and the
    base template asks for the menu's links on every page view.
    """
    found = []
    for config in apps.get_app_configs():
        if importlib.util.find_spec(f"{config.name}.{module_name}") is not None:
            found.extend(
                getattr(importlib.import_module(f"{config.name}.{module_name}"), attribute)
            )
    return tuple(found)
