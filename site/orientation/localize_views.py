"""wagtail-localize's machine translation and PO upload, with clear messages for bad input.

Registered at the same addresses as wagtail-localize's own views, ahead of them
(`wagtail_hooks.py`), so the translation editor's buttons reach these:

- machine translation: a service that is down or answers with garbage gives an error
  message and stores nothing (wagtail-localize would answer with a server error);
- PO upload: a missing or unreadable file, a file made for another page or language,
  or a translation with broken placeholders (tags the source does not have) is refused
  as a whole with a message naming the problem; nothing of it is imported.
"""

import polib
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import Translation
from wagtail_localize.strings import StringValue, validate_translation_links
from wagtail_localize.views.edit_translation import (
    apply_machine_translation,
    user_can_edit_instance,
)

from samverka.orientation.machine_translation import MachineTranslationError

MAX_PO_BYTES = 2 * 1024 * 1024


def _back(request):
    return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))


def _translation_for(request, translation_id):
    translation = get_object_or_404(Translation, id=translation_id)
    if not user_can_edit_instance(request.user, translation.get_target_instance()):
        raise PermissionDenied
    return translation


@require_POST
def machine_translate(request, translation_id):
    translator = get_machine_translator()
    _translation_for(request, translation_id)
    if translator is None:
        messages.error(request, _("No machine translation service is configured."))
        return _back(request)
    try:
        done = apply_machine_translation(translation_id, request.user, translator)
    except MachineTranslationError as error:
        messages.error(request, str(error))
        return _back(request)
    if done:
        messages.success(
            request,
            _(
                "Translated with %(service)s. The machine's text is marked as such until "
                "you have checked and saved each segment."
            )
            % {"service": translator.display_name},
        )
    else:
        messages.warning(request, _("There is nothing left to translate."))
    return _back(request)


def read_po(upload, translation):
    """The PO file's entries, or a message saying why it cannot be imported."""
    if upload is None:
        return None, _("Choose a PO file to upload.")
    if upload.size > MAX_PO_BYTES:
        return None, _("The PO file is too large.")
    try:
        po = polib.pofile(upload.read().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None, _("This is not a PO file that can be read. Nothing was imported.")
    translation_id = po.metadata.get("X-WagtailLocalize-TranslationID")
    if translation_id is None:
        return None, _(
            "This PO file was not exported from this site (it names no translation). "
            "Nothing was imported."
        )
    if translation_id != str(translation.uuid):
        return None, _(
            "This PO file was made for another page or another language. Download the PO "
            "file of this translation and translate that one. Nothing was imported."
        )
    broken = []
    for number, entry in enumerate(po, start=1):
        if not entry.msgstr or entry.obsolete:
            continue
        try:
            StringValue.from_translated_html(entry.msgstr)
            validate_translation_links(entry.msgid, entry.msgstr)
            _same_placeholders(entry.msgid, entry.msgstr)
        except ValueError:
            broken.append(str(number))
    if broken:
        return None, _(
            'The placeholders (such as <a id="a1"> or <b>) in these translations do not '
            "match the Swedish text: entries %(entries)s. Nothing was imported."
        ) % {"entries": ", ".join(broken[:10])}
    return po, None


def _same_placeholders(source: str, translated: str) -> None:
    """Every tag of the source appears in the translation, and no other."""
    import re

    tags = re.compile(r"</?\s*([a-zA-Z0-9]+)[^>]*>")

    def found(text):
        return sorted(match.group(0).replace(" ", "") for match in tags.finditer(text))

    if found(source) != found(translated):
        raise ValueError("placeholders differ")


@require_POST
def upload_pofile(request, translation_id):
    translation = _translation_for(request, translation_id)
    po, problem = read_po(request.FILES.get("file"), translation)
    if problem:
        messages.error(request, problem)
        return _back(request)
    with transaction.atomic():
        warnings = translation.import_po(po, user=request.user, tool_name="PO File")
    if warnings:
        messages.warning(
            request,
            _(
                "Imported the translations. %(count)s entries no longer appear in the Swedish "
                "page and were left out."
            )
            % {"count": len(warnings)},
        )
    else:
        messages.success(request, _("Imported the translations from the PO file."))
    return _back(request)
