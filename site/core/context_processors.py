from django.conf import settings
from django.utils import translation

from samverka.core.conf import settings as app_settings


def site_context(request):
    language = translation.get_language() or settings.LANGUAGE_CODE
    return {
        "is_rtl": translation.get_language_bidi(),
        "text_direction": "rtl" if translation.get_language_bidi() else "ltr",
        "language_code": language,
        # The municipality whose site this is (samverka.people.municipalities): the one that
        # runs the installation unless the request's Wagtail Site belongs to another.
        "municipality_name": _municipality_name(request),
        # The template the apps' public pages extend: the host's own layout (issue 20).
        "samverka_base_template": app_settings.BASE_TEMPLATE,
    }


def _municipality_name(request) -> str:
    from samverka.people.municipalities import municipality_for_request

    municipality = municipality_for_request(request)
    return municipality.name if municipality else app_settings.MUNICIPALITY
