"""Demo data of the reference site: the home page, with English and Arabic translations.

`manage.py seed_demo` runs it after the core's logins (INSTALLED_APPS order).
"""

from django.db import transaction
from wagtail.models import Locale, Page, Site

from .models import HomePage

HOME_CONTENT = {
    "sv": {
        "title": "Välkommen till Samverka",
        "intro": (
            "Här samlar kommunen, föreningar, trossamfund och arbetsgivare allt som hjälper "
            "dig som är ny i kommunen: information om samhället, aktiviteter och en kompis."
        ),
        "heading": "Var vill du börja?",
        "cards": [
            ("Jag är ny här", "Om att bo, arbeta och leva i Sverige, på ditt språk."),
            ("Jag vill hjälpa till", "Bli kompis, praktikmentor eller värd på ett språkcafé."),
            ("Vad händer?", "Språkcaféer, informationsträffar och mingel nära dig."),
        ],
        "callout_title": "Bra att veta",
        "callout": (
            "<p>Allt på den här webbplatsen är gratis. Du behöver inget konto för att läsa "
            "eller anmäla dig till en aktivitet.</p>"
        ),
    },
    "en": {
        "title": "Welcome to Samverka",
        "intro": (
            "The municipality, associations, faith communities and employers gather everything "
            "that helps you as a newcomer here: how society works, activities, and a buddy."
        ),
        "heading": "Where would you like to start?",
        "cards": [
            ("I am new here", "About living, working and settling in Sweden, in your language."),
            ("I want to help", "Become a buddy, an internship mentor or a language café host."),
            ("What's on", "Language cafés, information meetings and mingles near you."),
        ],
        "callout_title": "Good to know",
        "callout": (
            "<p>Everything on this site is free. You do not need an account to read or to "
            "sign up for an activity.</p>"
        ),
    },
    "ar": {
        "title": "مرحبًا بك في ساموركا",
        "intro": (
            "تجمع البلدية والجمعيات والطوائف الدينية وأصحاب العمل هنا كل ما يساعدك كقادم "
            "جديد: كيف يعمل المجتمع، والأنشطة، وصديقًا يرافقك."
        ),
        "heading": "من أين تريد أن تبدأ؟",
        "cards": [
            ("أنا جديد هنا", "عن السكن والعمل والحياة في السويد، بلغتك."),
            ("أريد أن أساعد", "كن صديقًا أو مرشدًا للتدريب العملي أو مضيفًا في مقهى اللغة."),
            ("ماذا يحدث؟", "مقاهي اللغة ولقاءات المعلومات واللقاءات الاجتماعية بالقرب منك."),
        ],
        "callout_title": "من المفيد أن تعرف",
        "callout": (
            "<p>كل شيء على هذا الموقع مجاني. لا تحتاج إلى حساب للقراءة أو للتسجيل في نشاط.</p>"
        ),
    },
}
# "I am new here" → civic orientation, "I want to help" → volunteering, "What's on" → events.
CARD_PATHS = ["/samhallsorientering/", "/organisations/volunteer/", "/events/"]


def _home_body(content, card_paths):
    return [
        {
            "type": "entry_points",
            "value": {
                "heading": content["heading"],
                "items": [
                    {"title": title, "text": text, "page": None, "url": path}
                    for (title, text), path in zip(content["cards"], card_paths, strict=True)
                ],
            },
        },
        {
            "type": "callout",
            "value": {"title": content["callout_title"], "text": content["callout"]},
        },
    ]


@transaction.atomic
def seed_home(report, card_paths=None):
    """The Swedish home page as the site root, with English and Arabic translations."""
    card_paths = card_paths or CARD_PATHS
    sv = Locale.objects.get(language_code="sv")
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=sv).first()
    if home is None:
        content = HOME_CONTENT["sv"]
        home = HomePage(
            title=content["title"],
            slug="hem",
            intro=content["intro"],
            locale=sv,
            body=_home_body(content, card_paths),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        report("home page created")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Samverka",
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Samverka"
        site.save()
        if old_root.specific_class is Page and old_root.depth == 2:
            old_root.delete()  # Wagtail's "Welcome" placeholder from its initial migration
    for code in ("en", "ar"):
        locale = Locale.objects.get(language_code=code)
        if home.has_translation(locale):
            continue
        content = HOME_CONTENT[code]
        translation = home.copy_for_translation(locale)
        translation.title = content["title"]
        translation.intro = content["intro"]
        translation.body = _home_body(content, card_paths)
        translation.save_revision().publish()
        report(f"home page translated ({code})")
    return home


SEEDERS = [seed_home]
