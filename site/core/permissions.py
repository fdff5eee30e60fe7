"""Role checks shared by every app. Object-level checks live beside each model
type as one load-and-authorise function (see docs/architecture.md)."""

COORDINATOR = "Coordinator"
EDITOR = "Editor"
# Coordinates every municipality of the installation (a region or kommunalförbund); the
# group has the Coordinator group's permissions. Ordinary coordinators are scoped to their
# municipalities: samverka.people.municipalities.municipalities_for.
REGIONAL_COORDINATOR = "Regional coordinator"


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
    return in_group(user, COORDINATOR) or in_group(user, REGIONAL_COORDINATOR)


def is_editor(user) -> bool:
    return in_group(user, EDITOR)


def is_staff_member(user) -> bool:
    """Whoever can see personal data through staff views: the Wagtail admin
    (``wagtailadmin.access_admin``) or the coordinators' and editors' front-end pages
    (group membership). One query; a superuser needs none."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    access_admin = {
        "codename": "access_admin",
        "content_type__app_label": "wagtailadmin",
    }
    return (
        get_user_model()
        .objects.filter(pk=user.pk, is_active=True)
        .filter(
            Q(groups__name__in=[COORDINATOR, REGIONAL_COORDINATOR, EDITOR])
            | Q(**{f"groups__permissions__{k}": v for k, v in access_admin.items()})
            | Q(**{f"user_permissions__{k}": v for k, v in access_admin.items()})
        )
        .exists()
    )


def session_passed_mfa(request) -> bool:
    """True when this session's login included a second factor: allauth's own MFA
    step (TOTP, recovery code, re-authentication) or an identity provider whose ID
    token says so (recorded at login by samverka.core.adapters.MFAStage). Having an
    authenticator is not enough: the password alone must not open staff pages."""
    from allauth.account.authentication import get_authentication_records

    return any(
        record.get("method") == "mfa"
        for record in get_authentication_records(request, request.user)
    )
