from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from samverka.core.conf import settings as app_settings

from .csp import _current_request
from .permissions import is_staff_member, session_passed_mfa

# Views a staff member may reach before their session has passed MFA: signing in and
# out, setting up or using an authenticator, switching language, health checks.
MFA_EXEMPT_URL_NAMES = {"set_language", "healthz", "robots_txt", "wagtailadmin_logout"}


def _exempt(request, view_func) -> bool:
    module = getattr(view_func, "__module__", "") or ""
    if module.startswith("allauth.") or getattr(view_func, "mfa_exempt", False):
        return True
    match = request.resolver_match
    return bool(match and match.url_name in MFA_EXEMPT_URL_NAMES)


class StaffRequiresMFAMiddleware:
    """Staff (see samverka.core.permissions.is_staff_member) see personal data: every
    view but the account pages needs a session that passed a second factor, in the
    Wagtail admin and on the front end alike.

    Without an authenticator they are sent to set one up; with one, to enter a code.
    SAMVERKA_ADMIN_REQUIRES_MFA switches this off for the local demo only.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not app_settings.ADMIN_REQUIRES_MFA or not request.user.is_authenticated:
            return None
        if _exempt(request, view_func):
            return None
        # The session check reads the session only; staff membership costs a query,
        # so it is asked only of sessions that have not passed MFA.
        if session_passed_mfa(request) or not is_staff_member(request.user):
            return None
        from allauth.mfa.models import Authenticator

        if Authenticator.objects.filter(user=request.user, type=Authenticator.Type.TOTP).exists():
            messages.info(request, _("Enter a code from your authenticator app to continue."))
            return redirect(
                f"{reverse('mfa_reauthenticate')}?{urlencode({'next': request.get_full_path()})}"
            )
        messages.warning(
            request, _("Set up an authenticator app before you open the administration.")
        )
        return redirect("mfa_activate_totp")


class PermissionsPolicyMiddleware:
    """Switch off browser features (camera, location, …) the site never uses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", app_settings.PERMISSIONS_POLICY)
        return response


class CSPNonceMiddleware:
    """Lets templates and widgets without the request reach its CSP nonce
    (samverka.core.csp); after django-csp's middleware, which makes the nonce."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)
