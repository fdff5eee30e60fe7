from django.conf import settings
from django.utils import translation


def site_context(request):
    language = translation.get_language() or settings.LANGUAGE_CODE
    return {
        "is_rtl": translation.get_language_bidi(),
        "text_direction": "rtl" if translation.get_language_bidi() else "ltr",
        "language_code": language,
        "municipality_name": settings.SAMVERKA_MUNICIPALITY,
    }
