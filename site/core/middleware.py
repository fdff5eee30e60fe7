from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _


class AdminRequiresMFAMiddleware:
    """Send anyone with Wagtail admin access but no authenticator to set one up.

    Coordinators and editors see personal data; a password alone is not enough.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.SAMVERKA_ADMIN_REQUIRES_MFA
            and request.path.startswith("/admin/")
            and request.user.is_authenticated
            and request.user.has_perm("wagtailadmin.access_admin")
        ):
            from allauth.mfa.models import Authenticator

            if not Authenticator.objects.filter(
                user=request.user, type=Authenticator.Type.TOTP
            ).exists():
                messages.warning(
                    request,
                    _("Set up an authenticator app before you open the administration."),
                )
                return redirect("mfa_activate_totp")
        return self.get_response(request)
