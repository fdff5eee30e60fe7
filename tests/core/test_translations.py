"""The translation catalogues in locale/: complete where they must be, safe everywhere.

Swedish and English must be complete. Arabic, Persian, Somali, Tigrinya and Ukrainian must
at least translate what every visitor meets: navigation, footer, account pages, the 404 and
500 pages and error messages. For Somali and Tigrinya our catalogue also carries Django's and
allauth's strings (listed in samverka/core/vendor_strings.py), because neither ships those
languages and Django would otherwise fall back to Swedish.
"""

import functools
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = [code for code, _name in settings.LANGUAGES]
COMPLETE = ["sv", "en"]
PARTIAL = ["ar", "fa", "so", "ti", "uk"]

PLURAL_FORMS = {
    "sv": "nplurals=2; plural=(n != 1);",
    "en": "nplurals=2; plural=(n != 1);",
    "ar": (
        "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
        "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"
    ),
    "fa": "nplurals=2; plural=(n > 1);",
    "so": "nplurals=2; plural=(n != 1);",
    "ti": "nplurals=2; plural=(n > 1);",
    "uk": (
        "nplurals=4; plural=(n % 1 == 0 && n % 10 == 1 && n % 100 != 11 ? 0 : "
        "n % 1 == 0 && n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 1 : "
        "n % 1 == 0 && (n % 10 ==0 || (n % 10 >=5 && n % 10 <=9) || "
        "(n % 100 >=11 && n % 100 <=14 )) ? 2: 3);"
    ),
}

# What every visitor meets. Each must be translated (and not left in English) in every
# language; a missing msgid means a template changed and this list must follow it.
REQUIRED = [
    # base template: skip link, header, navigation, language switcher, footer
    "Skip to content",
    "Main menu",
    "Choose language",
    "My pages",
    "Log in",
    "Log out",
    "Footer",
    "Site map",
    "Samverka is run by %(name)s together with associations, faith communities and employers.",
    "This site sets no tracking cookies and loads nothing from other services.",
    "This page is not yet available in your language. It is shown in Swedish.",
    # 404 and 500 pages
    "Page not found",
    "We could not find the page you were looking for. It may have moved, or the address "
    "may be mistyped.",
    "Go to the start page",
    "Something went wrong",
    "An error occurred on our side. Nothing you did caused it. Please try again in a little while.",
    # forms
    "Please correct the following and try again:",
    "This field is required.",
    "Enter a valid email address.",
    "Enter a valid date.",
    "Enter a valid time.",
    "Enter a whole number.",
    "Enter a number.",
    "Enter a valid URL.",
    "Select a valid choice. %(value)s is not one of the available choices.",
    "Select a valid choice. That choice is not one of the available choices.",
    "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
    "Ensure this value is less than or equal to %(limit_value)s.",
    "Ensure this value is greater than or equal to %(limit_value)s.",
    "This password is too common.",
    "This password is entirely numeric.",
    "This password is too short. It must contain at least %d character.",
    "The password is too similar to the %(verbose_name)s.",
    "Forbidden",
    "CSRF verification failed. Request aborted.",
    # account pages (django-allauth)
    "Sign In",
    "Sign Up",
    "Sign Out",
    "Email",
    "Password",
    "Password (again)",
    "Remember Me",
    "Forgot your password?",
    "If you have not created an account yet, then please %(link)ssign up%(end_link)s first.",
    "Already have an account? Then please %(link)ssign in%(end_link)s.",
    "Are you sure you want to sign out?",
    "You have signed out.",
    "The email address and/or password you specified are not correct.",
    "Too many failed login attempts. Try again later.",
    "A user is already registered with this email address.",
    "You must type the same password each time.",
    "Password Reset",
    "Reset My Password",
    "Change Password",
    "Set Password",
    "Verify Your Email Address",
    "Confirm Email Address",
    "Email Addresses",
    "Two-Factor Authentication",
    "Authenticator code",
    "Incorrect code.",
    # own pages after login
    "Your account",
    "Email addresses",
    "Change password",
]
# Translations that may equal the English msgid.
SAME_AS_ENGLISH_ALLOWED = {"Email", "Forbidden"}

PLACEHOLDER = re.compile(r"%\([A-Za-z0-9_]+\)[sdrif]|%[sdrif]|\{[A-Za-z0-9_]*\}")


@functools.cache
def catalogue(lang):
    """The parsed .po file (read-only: tests must not change it)."""
    return polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))


def entries(po):
    return [entry for entry in po if not entry.obsolete]


def translations(entry):
    if entry.msgid_plural:
        return [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def is_translated(entry):
    return all(translations(entry)) and "fuzzy" not in entry.flags


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_compiles(lang, tmp_path):
    po = catalogue(lang)
    po.save_as_mofile(str(tmp_path / "django.mo"))
    mo = polib.mofile(str(tmp_path / "django.mo"))
    assert len(mo) == len([entry for entry in entries(po) if is_translated(entry)])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_header_names_language_and_plural_forms(lang):
    po = catalogue(lang)
    assert po.metadata["Language"] == lang
    assert po.metadata["Plural-Forms"] == PLURAL_FORMS[lang]
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"


@pytest.mark.parametrize("lang", COMPLETE)
def test_swedish_and_english_are_complete_and_not_fuzzy(lang):
    po = catalogue(lang)
    assert not po.metadata_is_fuzzy
    fuzzy = [entry.msgid for entry in entries(po) if "fuzzy" in entry.flags]
    untranslated = [entry.msgid for entry in entries(po) if not all(translations(entry))]
    assert fuzzy == []
    assert untranslated == []


@pytest.mark.parametrize("lang", PARTIAL)
def test_visitor_strings_are_translated(lang):
    by_msgid = {entry.msgid: entry for entry in entries(catalogue(lang)) if not entry.msgctxt}
    missing = [msgid for msgid in REQUIRED if msgid not in by_msgid]
    assert missing == [], "msgids gone from the catalogue (run makemessages?)"
    untranslated = [msgid for msgid in REQUIRED if not is_translated(by_msgid[msgid])]
    assert untranslated == []
    left_in_english = [
        msgid
        for msgid in REQUIRED
        if msgid not in SAME_AS_ENGLISH_ALLOWED and translations(by_msgid[msgid])[0] == msgid
    ]
    assert left_in_english == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_survive_translation(lang):
    """A translation with a changed placeholder raises KeyError or shows raw %(x)s."""
    wrong = []
    for entry in entries(catalogue(lang)):
        if not is_translated(entry):
            continue
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        for text in translations(entry):
            found = sorted(PLACEHOLDER.findall(text))
            if entry.msgid_plural:
                # A plural form may leave out a named number ("one form") but must not
                # invent a name; positional %d/%s must stay, or "%" formatting fails.
                allowed = set(expected) | set(PLACEHOLDER.findall(entry.msgid_plural))
                positional = [p for p in expected if "(" not in p and "{" not in p]
                if set(found) - allowed or [p for p in found if p in positional] != positional:
                    wrong.append((entry.msgid, text))
            elif found != expected:
                wrong.append((entry.msgid, text))
    assert wrong == []


def test_vendor_strings_match_django_and_allauth_msgids():
    """samverka/core/vendor_strings.py must copy msgids exactly, or they never match."""
    import allauth
    import django
    import wagtail

    upstream = set()
    for po_path in (
        Path(django.__file__).parent / "conf/locale/en/LC_MESSAGES/django.po",
        Path(django.__file__).parent / "contrib/auth/locale/en/LC_MESSAGES/django.po",
        Path(allauth.__file__).parent / "locale/en/LC_MESSAGES/django.po",
        Path(wagtail.__file__).parent / "admin/locale/en/LC_MESSAGES/django.po",
    ):
        upstream |= {(entry.msgctxt, entry.msgid) for entry in polib.pofile(str(po_path))}
    ours = [
        (entry.msgctxt, entry.msgid)
        for entry in entries(catalogue("so"))
        if any(path.endswith("vendor_strings.py") for path, _line in entry.occurrences)
    ]
    assert len(ours) > 300
    assert [key for key in ours if key not in upstream] == []


@pytest.fixture
def compiled_catalogues():
    import runpy

    from django.utils.translation import trans_real

    runpy.run_path(str(Path(settings.BASE_DIR) / "scripts" / "compile_translations.py"))["main"]()
    trans_real._translations = {}
    yield
    trans_real._translations = {}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "expected", "english"),
    [
        ("so", ["Erayga sirta ah", "Ma ilowday erayga sirta ah?", "I xasuuso"], "Remember Me"),
        ("ti", ["መሕለፊ ቃል", "መሕለፊ ቃልካ ረሲዕካዮ፧", "ዘክረኒ"], "Remember Me"),
    ],
)
def test_login_page_in_somali_and_tigrinya(client, compiled_catalogues, lang, expected, english):
    response = client.get(f"/{lang}/accounts/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}"' in html
    for text in expected:
        assert text in html
    # Neither English nor the Swedish fallback ("Lösenord", "Kom ihåg mig")
    assert english not in html
    assert "Lösenord" not in html
    assert "Kom ihåg mig" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["so", "ti"])
def test_form_errors_in_somali_and_tigrinya(client, compiled_catalogues, lang):
    response = client.post(f"/{lang}/accounts/signup/", {"email": "not-an-email"})
    html = response.content.decode()
    with translation.override(lang):
        required = translation.gettext("This field is required.")
        invalid_email = translation.gettext("Enter a valid email address.")
    assert required != "This field is required."
    assert required in html
    assert invalid_email in html
    assert "Detta fält måste fyllas i." not in html


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ar", "fa", "so", "ti", "uk"])
def test_not_found_page_in_visitors_language(client, compiled_catalogues, home_page, lang):
    response = client.get(f"/{lang}/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    with translation.override(lang):
        title = translation.gettext("Page not found")
    assert title not in ("Page not found", "Sidan finns inte")
    assert title in html
    assert "Sidan finns inte" not in html
