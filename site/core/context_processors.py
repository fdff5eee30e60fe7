from django.conf import settings
from django.utils import translation

from samverka.core.conf import settings as app_settings


def site_context(request):
    language = translation.get_language() or settings.LANGUAGE_CODE
    return {
        "is_rtl": translation.get_language_bidi(),
        "text_direction": "rtl" if translation.get_language_bidi() else "ltr",
        "language_code": language,
        "municipality_name": app_settings.MUNICIPALITY,
        # The template the apps' public pages extend: the host's own layout (issue 20).
        "samverka_base_template": app_settings.BASE_TEMPLATE,
    }
