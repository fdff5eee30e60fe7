"""Message texts editors change in the CMS (`MessageText`), and filling their placeholders.

An edited text is plain text with the kind's placeholders in braces, `{event}`, `{link}`
(declared in `samverka.core.messages`). Nothing else in braces is allowed: an editor never
writes template code, which would reach every attribute of the objects behind a message.

Which text a message gets, per part (subject, email text, SMS):
- the edited text in the recipient's language, when that language has a row whose part is
  filled in and, for a translation, differs from the Swedish source (wagtail-localize makes
  a translated row as a copy of the Swedish one; until it is translated it is not used);
- otherwise the built-in template in that language, which is fully translated: better than
  a Swedish text sent to an Arabic reader.
A stored text that fails the placeholder check (a PO file imported with a broken
placeholder, a machine translation that translated one) is not sent: the whole message
falls back to its built-in templates and a warning is logged.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.template import Context, VariableDoesNotExist, engines
from django.utils.translation import gettext as _

from . import messages

logger = logging.getLogger(__name__)

EMAIL, SMS = "email", "sms"
PARTS = ("subject", "body", "sms")
_BRACED = re.compile(r"\{([^{}]*)\}")
_NAME = re.compile(r"[a-z_]+")


class InvalidText(ValueError):
    pass


def parts_of(kind: messages.Kind) -> list[str]:
    """The fields an editor can fill in for `kind`."""
    return (["subject", "body"] if kind.email else []) + (["sms"] if kind.sms else [])


def editable_kinds() -> list[messages.Kind]:
    return [kind for kind in messages.KINDS.values() if kind.in_cms]


def problems(kind: messages.Kind, text: str, part: str) -> list[str]:
    """What is wrong with `text` as the `part` of `kind`, as messages for the editor."""
    allowed = kind.placeholder_names
    found = _BRACED.findall(text)
    errors = []
    unknown = [name for name in found if _NAME.fullmatch(name) and name not in allowed]
    malformed = [name for name in found if not _NAME.fullmatch(name)]
    allowed_text = ", ".join(f"{{{name}}}" for name in allowed)
    if unknown:
        errors.append(
            _("Unknown placeholder %(names)s. You can use: %(allowed)s.")
            % {"names": ", ".join(f"{{{name}}}" for name in unknown), "allowed": allowed_text}
        )
    stray = _BRACED.sub("", text)
    if malformed or "{" in stray or "}" in stray:
        errors.append(
            _(
                "Braces are only for placeholders, written like {name} in lower case. "
                "You can use: %(allowed)s."
            )
            % {"allowed": allowed_text}
        )
    if kind.action and part in ("body", "sms") and text and kind.action not in found:
        errors.append(
            _("The text must keep {%(name)s}: it is what the reader acts on.")
            % {"name": kind.action}
        )
    return errors


@cache
def _templates(key: str, channel: str) -> dict:
    """Each placeholder of a kind compiled once per process."""
    engine = engines["django"].engine
    return {
        placeholder.name: engine.from_string(placeholder.source(channel))
        for placeholder in messages.get(key).placeholders
    }


def fill(kind: messages.Kind, text: str, context: dict, part: str) -> str:
    """`text` (the `part` of `kind`) with its placeholders replaced by their values
    (plain strings) from `context`, in the active language. Raises InvalidText for a
    text that fails `problems` (checked again: the stored text may come from an
    imported PO file or a machine translation)."""
    if problems(kind, text, part):
        raise InvalidText(text)
    templates = _templates(kind.key, SMS if part == "sms" else EMAIL)
    used = set(_BRACED.findall(text))
    values = {name: _value(templates[name], context) for name in used}
    return _BRACED.sub(lambda match: values[match.group(1)], text)


def _value(template, context) -> str:
    try:
        return template.render(Context(context, autoescape=False)).strip()
    except VariableDoesNotExist:  # a filter's argument missing from the context: no value
        return ""


@dataclass
class Edited:
    subject: str = ""
    body: str = ""
    sms: str = ""

    def __bool__(self):
        return any((self.subject, self.body, self.sms))


class Texts:
    """The edited texts of one kind in every language: one query, loaded once for a
    whole `notify_many` run."""

    def __init__(self, kind: messages.Kind):
        from .models import MessageText

        self.kind = kind
        self.by_language: dict[str, Edited] = {}
        if not kind.in_cms:
            return
        rows = list(MessageText.objects.filter(kind=kind.key).select_related("locale"))
        source_language = settings.LANGUAGE_CODE.split("-")[0]
        sources = {
            row.translation_key: row for row in rows if row.locale.language_code == source_language
        }
        for row in rows:
            source = sources.get(row.translation_key)
            untranslated = source is not None and source is not row
            self.by_language[row.locale.language_code] = Edited(
                **{
                    part: text
                    for part in parts_of(kind)
                    if (text := getattr(row, part).strip())
                    and not (untranslated and text == getattr(source, part).strip())
                }
            )

    def for_language(self, language: str) -> Edited | None:
        language = (language or settings.LANGUAGE_CODE).split("-")[0]
        return self.by_language.get(language) or None

    def email(self, context: dict, language: str) -> tuple[str, str] | None:
        """The edited (subject, text) filled in, blank for a part left built-in; None when
        nothing is edited in `language` or a stored text is broken."""
        edited = self.for_language(language)
        if edited is None or not (edited.subject or edited.body):
            return None
        return self._filled(language, context, subject=edited.subject, body=edited.body)

    def sms(self, context: dict, language: str) -> str | None:
        edited = self.for_language(language)
        if edited is None or not edited.sms:
            return None
        filled = self._filled(language, context, sms=edited.sms)
        return filled[0] if filled else None

    def _filled(self, language, context, **texts):
        from django.utils import translation

        try:
            with translation.override(language):
                return tuple(
                    fill(self.kind, text, context, part) if text else ""
                    for part, text in texts.items()
                )
        except InvalidText:
            logger.warning(
                "The edited %s of %s in %s has a broken placeholder; "
                "the built-in text is sent instead",
                " and ".join(part for part, text in texts.items() if text),
                self.kind.key,
                language,
            )
            return None


def sample_context(kind: messages.Kind) -> dict:
    """Placeholder values for the preview (`sample` of each placeholder)."""
    return {placeholder.name: placeholder.sample for placeholder in kind.placeholders}


def preview(kind: messages.Kind, text: str) -> str:
    """`text` with the sample values, or the text as typed when it is not valid."""
    samples = sample_context(kind)
    if any(not _NAME.fullmatch(name) or name not in samples for name in _BRACED.findall(text)):
        return text
    return _BRACED.sub(lambda match: samples[match.group(1)], text)


def html_version(text: str, language: str) -> str:
    """A simple HTML part for an edited email text: escaped, paragraphs and line breaks
    kept, links clickable (the built-in HTML template no longer matches the text), in
    `language` and its direction, so that an Arabic or Persian email reads right to left."""
    from django.utils.html import urlize
    from django.utils.translation import get_language_info

    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    inner = "".join(
        "<p>" + urlize(p, autoescape=True).replace("\n", "<br>\n") + "</p>\n" for p in paragraphs
    )
    try:
        direction = "rtl" if get_language_info(language)["bidi"] else "ltr"
    except KeyError:
        direction = "ltr"
    return (
        f'<!doctype html>\n<html lang="{language}" dir="{direction}"><body>\n'
        f"{inner}</body></html>\n"
    )
