"""allauth glue: account emails through the outbox, the real client address behind
trusted proxies, lock-outs keyed on address and account, and single sign-on whose
MFA counts only when the identity provider says so."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import record_authentication
from allauth.core import context as allauth_context
from allauth.core.internal import ratelimit as allauth_ratelimit
from allauth.mfa.stages import AuthenticateStage
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMultiAlternatives
from django.http import Http404
from django.utils.html import strip_tags

from samverka.core.conf import settings as app_settings

from .email import queue_rendered_email
from .ratelimit import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        # allauth renders its own templates in the visitor's active language.
        message = self.render_mail(template_prefix, email, ctx)
        html = ""
        if isinstance(message, EmailMultiAlternatives):
            html = next(
                (content for content, mimetype in message.alternatives if mimetype == "text/html"),
                "",
            )
        if getattr(message, "content_subtype", "plain") == "html":
            html, body = message.body, strip_tags(message.body)
        else:
            body = message.body
        queue_rendered_email(message.to, message.subject, body, html)

    def get_client_ip(self, request) -> str:
        # The same reading of X-Forwarded-For as every other limit in Samverka: only
        # SAMVERKA_TRUSTED_PROXY_COUNT proxies are believed, and a short or forged
        # header falls back to the peer instead of failing the request.
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine the client address")
        return ip

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        # allauth's per-account failure limit ("5/5m/key") would let anyone lock a
        # named coordinator out by failing five times. Keyed on the address too, it
        # stops one address guessing one account's password without locking the
        # account for everyone else; the per-address limit stops wide guessing.
        key = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{key}:{allauth_ratelimit.get_ip(request)}"

    def get_login_stages(self) -> list[str]:
        return [
            "samverka.core.adapters.MFAStage"
            if stage == "allauth.mfa.stages.AuthenticateStage"
            else stage
            for stage in super().get_login_stages()
        ]


def idp_vouches_for_mfa(sociallogin) -> bool:
    """The (signature-checked) ID token's `amr` names a second factor."""
    if sociallogin is None or sociallogin.account is None:
        return False
    claims = (sociallogin.account.extra_data or {}).get("id_token") or {}
    amr = claims.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    return bool(set(amr) & set(app_settings.OIDC_MFA_AMR))


class MFAStage(AuthenticateStage):
    """allauth's MFA login step, except after single sign-on whose provider says the
    person passed MFA there: the session is recorded as having passed MFA and no code
    is asked. Without that claim the usual step runs (and staff without an
    authenticator are sent to set one up by StaffRequiresMFAMiddleware)."""

    def handle(self) -> tuple:
        sociallogin = (self.login.signal_kwargs or {}).get("sociallogin")
        if self.login.user is not None and idp_vouches_for_mfa(sociallogin):
            record_authentication(
                self.request,
                self.login.user,
                "mfa",
                type="identity_provider",
                provider=sociallogin.account.provider,
            )
            return None, True
        return super().handle()


class SignedIDTokenAdapter(OpenIDConnectOAuth2Adapter):
    """allauth may skip the ID token's signature when the token came straight from
    the token endpoint; its `amr` decides about MFA here, so the signature is always
    checked against the provider's published keys (JWKS)."""

    def _decode_id_token(self, app, id_token: str) -> dict:
        return jwtkit.verify_and_decode(
            credential=id_token,
            keys_url=self.openid_config["jwks_uri"],
            issuer=self.openid_config["issuer"],
            audience=app.client_id,
            lookup_kid=jwtkit.lookup_kid_jwk,
            verify_signature=True,
        )


def oidc_callback(request, provider_id):
    """allauth's OpenID Connect callback with SignedIDTokenAdapter (site/urls.py
    routes it in front of allauth's own)."""
    try:
        view = OAuth2CallbackView.adapter_view(SignedIDTokenAdapter(request, provider_id))
        return view(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None


oidc_callback.mfa_exempt = True
