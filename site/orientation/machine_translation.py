"""Machine translation as a starting point for translators (wagtail-localize backends).

The service is chosen in settings from the environment (SAMVERKA_MACHINE_TRANSLATOR).
Both backends check what comes back before anything is saved: a service that is down,
answers with an error, or returns something that is not one translation per segment
raises `MachineTranslationError` with a message for the editor, and wagtail-localize
stores nothing (see `localize_views.machine_translate`). A machine translation is stored
as such (`StringTranslation.translation_type == "machine"`) until a person edits it.
"""

import json

import requests
from django.utils.translation import gettext as _
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.machine_translators.deepl import DeepLTranslator as _DeepLTranslator
from wagtail_localize.strings import StringValue


class MachineTranslationError(Exception):
    """The service could not give a usable translation; the message is for the editor."""


def _language(code: str) -> str:
    return code.split("-")[0].lower()


def _post(name: str, url: str, timeout: int, **kwargs):
    try:
        response = requests.post(url, timeout=timeout, **kwargs)
    except requests.Timeout as error:
        raise MachineTranslationError(
            _("%(service)s did not answer within %(seconds)s seconds. Nothing was translated.")
            % {"service": name, "seconds": timeout}
        ) from error
    except requests.RequestException as error:
        raise MachineTranslationError(
            _("%(service)s could not be reached. Nothing was translated.") % {"service": name}
        ) from error
    if response.status_code != 200:
        raise MachineTranslationError(
            _("%(service)s answered with an error (%(status)s). Nothing was translated.")
            % {"service": name, "status": response.status_code}
        )
    try:
        return response.json()
    except ValueError as error:
        raise MachineTranslationError(_garbage(name)) from error


def _garbage(name):
    return _(
        "%(service)s sent back something that is not a translation of the text. "
        "Nothing was translated."
    ) % {"service": name}


def _checked(name, strings, texts):
    """{source StringValue: translated StringValue}, or an error if any is unusable."""
    if not isinstance(texts, list) or len(texts) != len(strings):
        raise MachineTranslationError(_garbage(name))
    result = {}
    for string, text in zip(strings, texts, strict=True):
        if not isinstance(text, str) or not text.strip():
            raise MachineTranslationError(_garbage(name))
        try:
            result[string] = StringValue.from_translated_html(text)
        except ValueError as error:
            # Tags the source did not have, or broken markup.
            raise MachineTranslationError(_garbage(name)) from error
    return result


class LibreTranslateTranslator(BaseMachineTranslator):
    """LibreTranslate (https://libretranslate.com), which a municipality can host itself.

    Options: LIBRETRANSLATE_URL (the service's base address), API_KEY (may be empty for
    a self-hosted service), TIMEOUT (seconds).
    """

    display_name = "LibreTranslate"

    def translate(self, source_locale, target_locale, strings):
        strings = list(strings)
        if not strings:
            return {}
        timeout = int(self.options.get("TIMEOUT", 20))
        payload = {
            "q": [string.data for string in strings],
            "source": _language(source_locale.language_code),
            "target": _language(target_locale.language_code),
            "format": "html",
        }
        if self.options.get("API_KEY"):
            payload["api_key"] = self.options["API_KEY"]
        data = _post(
            self.display_name,
            self.options["LIBRETRANSLATE_URL"].rstrip("/") + "/translate",
            timeout,
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )
        texts = data.get("translatedText") if isinstance(data, dict) else None
        return _checked(self.display_name, strings, texts)

    def can_translate(self, source_locale, target_locale):
        return _language(source_locale.language_code) != _language(target_locale.language_code)


class DeepLTranslator(_DeepLTranslator):
    """wagtail-localize's DeepL backend with the same checks as LibreTranslate's."""

    def translate(self, source_locale, target_locale, strings):
        strings = list(strings)
        if not strings:
            return {}
        data = _post(
            self.display_name,
            self.get_api_endpoint(),
            int(self.options.get("TIMEOUT", 20)),
            data=self.get_parameters(source_locale, target_locale, strings),
            headers=self.get_headers(),
        )
        items = data.get("translations") if isinstance(data, dict) else None
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            raise MachineTranslationError(_garbage(self.display_name))
        return _checked(self.display_name, strings, [item.get("text") for item in items])
