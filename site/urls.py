from urllib.parse import urlencode

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpResponseRedirect
from django.urls import include, path, re_path, reverse
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from samverka.core import views as core_views
from samverka.core.adapters import oidc_callback
from samverka.orientation import views as orientation_views

handler404 = "samverka.core.views.page_not_found"
handler500 = "samverka.core.views.server_error"


def to_allauth(url_name):
    """Wagtail's own login and password reset bypass allauth (no MFA, no rate limit,
    no outbox): send them to allauth's pages, keeping where the person was going."""

    def view(request, *args, **kwargs):
        target = reverse(url_name)
        next_url = request.GET.get(REDIRECT_FIELD_NAME)
        if next_url:
            target = f"{target}?{urlencode({REDIRECT_FIELD_NAME: next_url})}"
        return HttpResponseRedirect(target)

    return view


urlpatterns = [
    path("admin/login/", to_allauth("account_login"), name="wagtailadmin_login"),
    re_path(r"^admin/password_reset/", to_allauth("account_reset_password")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", core_views.sitemap, name="sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("", include("samverka.core.icons")),
    path("healthz", core_views.healthz, name="healthz"),
    path("anymail/", include("anymail.urls")),
    path("sms/", include("samverka.core.sms.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]

# Swedish at "/", every other language under its own prefix ("/en/", "/ar/", ...).
urlpatterns += i18n_patterns(
    # In front of allauth's own callback: the ID token's signature is always checked.
    path(
        "accounts/oidc/<str:provider_id>/login/callback/",
        oidc_callback,
        name="openid_connect_callback",
    ),
    path("accounts/", include("allauth.urls")),
    path("", include("samverka.people.urls")),
    path("my/", include("samverka.core.urls")),
    path("organisations/", include("associations.urls")),
    path("mentors/", include("mentors.urls")),
    path("internships/", include("mentors.internships.urls")),
    path("events/", include("events.urls")),
    path("coaching/", include("coaching.urls")),
    path("search/", orientation_views.search, name="search"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
