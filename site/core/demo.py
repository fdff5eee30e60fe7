"""Demo data for the foundation: the fictional municipality's logins.

The home page is the reference site's (`samverka.home.demo`).

Every app may have a `demo.py` with SEEDERS, a list of functions taking a
`report(message)` callable; `manage.py seed_demo` runs them in the order of
INSTALLED_APPS. Each seeder is idempotent: running it twice changes nothing.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    first_name: str
    last_name: str
    password: str
    group: str | None = None


DEMO_LOGINS = [
    DemoLogin(
        "coordinator",
        "samordnare@demo.samverka.se",
        "Karin",
        "Lindqvist",
        "demo-samordnare",
        "Coordinator",
    ),
    DemoLogin("editor", "redaktor@demo.samverka.se", "Jonas", "Berg", "demo-redaktor", "Editor"),
    DemoLogin("volunteer", "volontar@demo.samverka.se", "Eva", "Holm", "demo-volontar"),
    DemoLogin(
        "association representative", "forening@demo.samverka.se", "Ali", "Hassan", "demo-forening"
    ),
    # The neighbour that sends its residents to Ålunda's course (samverka.people.demo).
    DemoLogin(
        "coordinator of Norrvik",
        "samordnare@norrvik.demo.samverka.se",
        "Nils",
        "Ek",
        "demo-norrvik",
        "Coordinator",
    ),
]


def demo_login(role: str) -> DemoLogin:
    return next(login for login in DEMO_LOGINS if login.role == role)


def ensure_user(login: DemoLogin):
    from allauth.account.models import EmailAddress

    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=login.email,
        defaults={
            "email": login.email,
            "first_name": login.first_name,
            "last_name": login.last_name,
        },
    )
    if created:
        user.set_password(login.password)
        user.save()
    if login.group:
        user.groups.add(Group.objects.get(name=login.group))
    EmailAddress.objects.get_or_create(
        user=user, email=login.email, defaults={"verified": True, "primary": True}
    )
    return user


def seed_logins(report):
    for login in DEMO_LOGINS:
        ensure_user(login)
    report(f"{len(DEMO_LOGINS)} demo logins")


# An edited message (Message texts in the admin's settings), so the feature shows: the
# programme reminder's text, in Swedish and translated into Arabic. The other languages keep
# the built-in text until an editor translates it (the demo outbox shows both).
DEMO_MESSAGE_TEXTS = {
    "events.session_reminder": {
        "sv": {"sms": "Hej {name}! Vi ses på {programme} {date} kl. {start}. Dina tider: {link}"},
        "ar": {
            "sms": "مرحبًا {name}! نراك في {programme} يوم {date} الساعة {start}. مواعيدك: {link}"
        },
    },
}


def seed_message_texts(report):
    from wagtail.models import Locale

    from .models import MessageText

    for kind, languages in DEMO_MESSAGE_TEXTS.items():
        source, _created = MessageText.objects.get_or_create(
            kind=kind, locale=Locale.get_default(), defaults=languages["sv"]
        )
        for language, texts in languages.items():
            locale = Locale.objects.filter(language_code=language).first()
            if locale is None or source.has_translation(locale):
                continue
            translation = source.copy_for_translation(locale)
            for name, value in texts.items():
                setattr(translation, name, value)
            translation.save()
    report(f"{len(DEMO_MESSAGE_TEXTS)} edited message text")


SEEDERS = [seed_logins, seed_message_texts]
