"""The test identity provider's URLs and claims.

``/login-as/?user=<username>`` signs a person in at the provider (the password and
second factor are the provider's business, not Samverka's). A username ending in
``-mfa`` gets ``amr: ["pwd", "mfa"]`` in its ID token, any other ``amr: ["pwd"]``.
"""

from django.contrib.auth import get_user_model, login
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import include, path
from oauth2_provider.oauth2_validators import OAuth2Validator


class Validator(OAuth2Validator):
    oidc_claim_scope = None  # every claim, whatever the scope

    def get_additional_claims(self, request):
        user = request.user
        return {
            "email": user.email,
            "email_verified": True,
            "name": user.get_full_name() or user.username,
            "amr": ["pwd", "mfa"] if user.username.endswith("-mfa") else ["pwd"],
        }


def login_as(request):
    user = get_user_model().objects.get(username=request.GET["user"])
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    if request.GET.get("next"):
        return HttpResponseRedirect(request.GET["next"])
    return HttpResponse("signed in")


urlpatterns = [
    path("login-as/", login_as),
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
]
