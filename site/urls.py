from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from samverka.core import views as core_views
from samverka.orientation import views as orientation_views

handler404 = "samverka.core.views.page_not_found"
handler500 = "samverka.core.views.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", core_views.sitemap, name="sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("healthz", core_views.healthz, name="healthz"),
    path("anymail/", include("anymail.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]

# Swedish at "/", every other language under its own prefix ("/en/", "/ar/", ...).
urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("", include("samverka.people.urls")),
    path("my/", include("samverka.core.urls")),
    path("organisations/", include("associations.urls")),
    path("mentors/", include("mentors.urls")),
    path("internships/", include("mentors.internships.urls")),
    path("events/", include("events.urls")),
    path("search/", orientation_views.search, name="search"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
