"""Role checks shared by every app. Object-level checks live beside each model
type as one load-and-authorise function (see docs/architecture.md)."""

COORDINATOR = "Coordinator"
EDITOR = "Editor"


def in_group(user, name: str) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    cache = getattr(user, "_samverka_groups", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._samverka_groups = cache
    return name in cache


def is_coordinator(user) -> bool:
    return in_group(user, COORDINATOR)


def is_editor(user) -> bool:
    return in_group(user, EDITOR)
