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
    for module in modules(module_name):
        found.extend(getattr(module, attribute))
    return tuple(found)


@functools.cache
def modules(module_name: str) -> tuple:
    """`<app>.<module_name>` of every installed app that has one, in INSTALLED_APPS order."""
    found = []
    for config in apps.get_app_configs():
        if importlib.util.find_spec(f"{config.name}.{module_name}") is not None:
            found.append(importlib.import_module(f"{config.name}.{module_name}"))
    return tuple(found)
