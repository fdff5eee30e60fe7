"""Demo content: the civic orientation in seven languages and two meeting places.

Idempotent: every page is looked up by its slug and language first; running
the seeder twice changes nothing.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Locale

from samverka.home.models import HomePage
from samverka.orientation import demo_content as content
from samverka.orientation.models import (
    MeetingPlaceActor,
    MeetingPlaceIndexPage,
    MeetingPlacePage,
    OpeningException,
    OpeningHours,
    OrientationIndexPage,
    OrientationRelatedLink,
    OrientationTopicPage,
)
from samverka.orientation.translation import adopt_translation

SOURCE = "sv"
INDEX_SLUG = "samhallsorientering"
MEETING_SLUG = "motesplatser"


def _paragraphs(items):
    return "".join(f"<p>{escape(item)}</p>" for item in items)


def topic_body(text, language, links=(), contact=None):
    labels = content.LABELS[language]
    body = [
        {
            "type": "easy_read",
            "value": {"title": labels["easy"], "text": _paragraphs([text["easy"]])},
        },
        {"type": "heading", "value": {"text": text["heading"], "level": "h2"}},
        {"type": "text", "value": _paragraphs(text["paragraphs"])},
    ]
    if text.get("steps"):
        body.append(
            {
                "type": "steps",
                "value": {
                    "heading": labels["steps"],
                    "steps": [{"title": step, "text": ""} for step in text["steps"]],
                },
            }
        )
    body.append(
        {
            "type": "callout",
            "value": {"title": labels["good"], "text": _paragraphs([text["callout"]])},
        }
    )
    if contact:
        body.append(
            {
                "type": "contact",
                "value": {
                    "name": contact["name"],
                    "phone": contact.get("phone", ""),
                    "email": "",
                    "website": contact.get("website", ""),
                    "address": "",
                    "opening_hours": labels["open_24"],
                    "note": "",
                },
            }
        )
    body.append(
        {
            "type": "questions",
            "value": {
                "heading": labels["faq"],
                "items": [
                    {"question": question, "answer": _paragraphs([answer])}
                    for question, answer in text["questions"]
                ],
            },
        }
    )
    if links:
        body.append(
            {
                "type": "authority_links",
                "value": {
                    "heading": labels["links"],
                    "links": [
                        {"title": name, "url": url, "description": ""} for name, url in links
                    ],
                },
            }
        )
    return body


def _locale(code):
    return Locale.objects.get(language_code=code)


def _translate(page, code, fill, report):
    """The page's translation into `code`, created and published if missing."""
    locale = _locale(code)
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translation = page.copy_for_translation(locale)
    fill(translation)
    translation.save_revision().publish()
    # Recorded in wagtail-localize segment by segment, as if a translator had made it.
    adopt_translation(page, translation)
    report(f"  {page.slug} ({code})")
    return translation


def _home(report):
    home = HomePage.objects.filter(locale__language_code=SOURCE).first()
    if home is None:
        from samverka.home.demo import seed_home

        home = seed_home(report)
    from samverka.home.demo import CARD_PATHS, _home_body

    for code, text in content.HOME_EXTRA.items():

        def fill(page, text=text):
            page.title = text["title"]
            page.intro = text["intro"]
            page.body = _home_body(text, CARD_PATHS)

        _translate(home, code, fill, report)
    return home


def _orientation_index(home, report):
    index = OrientationIndexPage.objects.filter(locale=home.locale, slug=INDEX_SLUG).first()
    if index is None:
        title, intro, text = content.INDEX[SOURCE]
        index = OrientationIndexPage(
            title=title,
            slug=INDEX_SLUG,
            intro=intro,
            show_in_menus=True,
            body=[{"type": "text", "value": _paragraphs([text])}],
        )
        home.add_child(instance=index)
        index.save_revision().publish()
        report("orientation index created")
    for code, (title, intro, text) in content.INDEX.items():
        if code == SOURCE:
            continue

        def fill(page, title=title, intro=intro, text=text):
            page.title, page.intro = title, intro
            page.body = [{"type": "text", "value": _paragraphs([text])}]

        _translate(index, code, fill, report)
    return index


def _fill_topic(topic_spec, code):
    text = topic_spec["texts"][code]

    def fill(page):
        page.title = text["title"]
        page.intro = text["intro"]
        page.body = topic_body(text, code, topic_spec.get("links", ()), topic_spec.get("contact"))

    return fill


def _topic(parent, spec, report, last_reviewed=None):
    page = OrientationTopicPage.objects.filter(locale=parent.locale, slug=spec["slug"]).first()
    if page is None:
        page = OrientationTopicPage(slug=spec["slug"])
        _fill_topic(spec, SOURCE)(page)
        if last_reviewed:
            page.last_reviewed = last_reviewed
        parent.add_child(instance=page)
        page.save_revision().publish()
        report(f"topic {spec['slug']} created")
    return page


def seed_orientation(report):
    with transaction.atomic():
        home = _home(report)
        index = _orientation_index(home, report)
        today = timezone.localdate()
        pages = {}
        for number, spec in enumerate(content.TOPICS):
            # One topic was last checked fourteen months ago: it shows up under
            # Reports › Pages due for review.
            reviewed = (
                today - datetime.timedelta(days=425) if spec["slug"] == "att-aldras" else None
            )
            pages[spec["slug"]] = (spec, _topic(index, spec, report, reviewed))
            for sub in spec.get("subpages", []):
                pages[sub["slug"]] = (sub, _topic(pages[spec["slug"]][1], sub, report))
            del number
        for slug, targets in content.RELATED.items():
            page = pages[slug][1]
            if page.related_links.exists():
                continue
            for position, target in enumerate(targets):
                OrientationRelatedLink.objects.create(
                    page=page, target=pages[target][1], sort_order=position
                )
            page.save_revision().publish()
        # Translations, parents first (pages were collected in tree order).
        for spec, page in pages.values():
            for code in spec["texts"]:
                if code != SOURCE:
                    _translate(page, code, _fill_topic(spec, code), report)
    report(f"civic orientation: {len(pages)} Swedish pages with translations")


def _fill_place(spec, code):
    text = spec["texts"][code]

    def fill(page):
        page.title = text["title"]
        page.intro = text["intro"]
        page.directions = text["directions"]
        page.accessibility = text["accessibility"]
        page.body = [
            {
                "type": "easy_read",
                "value": {
                    "title": content.LABELS[code]["easy"],
                    "text": _paragraphs([text["easy"]]),
                },
            }
        ]
        actors = list(page.actors.all())
        for actor, (description, when) in zip(actors, text["actors"], strict=True):
            actor.description = description
            actor.when = when
        page.actors = actors
        exceptions = list(page.opening_exceptions.all())
        for exception in exceptions:
            exception.note = text["exception_note"]
        page.opening_exceptions = exceptions

    return fill


def _time(value):
    return datetime.time.fromisoformat(value)


def seed_meeting_places(report):
    today = timezone.localdate()
    with transaction.atomic():
        home = _home(lambda message: None)
        index = MeetingPlaceIndexPage.objects.filter(locale=home.locale, slug=MEETING_SLUG).first()
        if index is None:
            title, intro = content.MEETING_INDEX[SOURCE]
            index = MeetingPlaceIndexPage(
                title=title, slug=MEETING_SLUG, intro=intro, show_in_menus=True
            )
            home.add_child(instance=index)
            index.save_revision().publish()
            report("meeting place index created")
        for code, (title, intro) in content.MEETING_INDEX.items():
            if code != SOURCE:

                def fill(page, title=title, intro=intro):
                    page.title, page.intro = title, intro

                _translate(index, code, fill, report)
        for spec in content.MEETING_PLACES:
            place = MeetingPlacePage.objects.filter(locale=index.locale, slug=spec["slug"]).first()
            if place is None:
                place = MeetingPlacePage(
                    slug=spec["slug"],
                    street_address=spec["street_address"],
                    postal_code=spec["postal_code"],
                    city=spec["city"],
                    district=spec["district"],
                    latitude=spec["latitude"],
                    longitude=spec["longitude"],
                    phone=spec["phone"],
                    email=spec["email"],
                )
                hours = [(OpeningHours.Kind.OPEN, *row) for row in spec["hours"]]
                hours += [(OpeningHours.Kind.DROP_IN, *row) for row in spec["drop_in"]]
                for position, (kind, weekday, opens, closes) in enumerate(hours):
                    place.opening_hours.add(
                        OpeningHours(
                            kind=kind,
                            weekday=weekday,
                            opens=_time(opens),
                            closes=_time(closes),
                            sort_order=position,
                        )
                    )
                for position, (days, closed) in enumerate(spec["exceptions"]):
                    place.opening_exceptions.add(
                        OpeningException(
                            date=today + datetime.timedelta(days=days),
                            closed=closed,
                            sort_order=position,
                        )
                    )
                # Numbered, so every database lists them in the same order.
                for position, (name, offer, website, phone) in enumerate(spec["actors"]):
                    place.actors.add(
                        MeetingPlaceActor(
                            name=name,
                            offer=offer,
                            website=website,
                            phone=phone,
                            description="-",
                            sort_order=position,
                        )
                    )
                _fill_place(spec, SOURCE)(place)
                index.add_child(instance=place)
                place.save_revision().publish()
                report(f"meeting place {spec['slug']} created")
            for code in spec["texts"]:
                if code != SOURCE:
                    _translate(place, code, _fill_place(spec, code), report)


def seed_accessibility_statement(report):
    """The accessibility statement under the home page, in Swedish and English, linked
    from every footer."""
    from wagtail.models import Site

    from samverka.home.models import AccessibilityStatementPage, FooterSettings

    texts = content.ACCESSIBILITY_STATEMENT

    def fill(page, code):
        text = texts[code]
        page.title = text["title"]
        page.intro = text["intro"]
        page.non_accessible_content = text["non_accessible"]
        page.feedback = text["feedback"]
        page.enforcement = text["enforcement"]
        page.testing = text["testing"]

    with transaction.atomic():
        home = _home(lambda message: None)
        page = AccessibilityStatementPage.objects.filter(locale=home.locale).first()
        if page is None:
            today = timezone.localdate()
            page = AccessibilityStatementPage(
                slug="tillganglighet",
                compliance=AccessibilityStatementPage.Compliance.PARTIAL,
                published_on=today - datetime.timedelta(days=200),
                statement_made_on=today - datetime.timedelta(days=200),
                statement_updated_on=today - datetime.timedelta(days=20),
            )
            fill(page, SOURCE)
            home.add_child(instance=page)
            page.save_revision().publish()
            report("accessibility statement created")
        for code in texts:
            if code != SOURCE:
                _translate(
                    page, code, lambda translation, code=code: fill(translation, code), report
                )
        for site in Site.objects.all():
            footer = FooterSettings.for_site(site)
            if footer.accessibility_statement_id is None:
                footer.accessibility_statement = page
                footer.save()


def seed_translation_records(report):
    """Translated pages seeded elsewhere (the home page) recorded in wagtail-localize."""
    from samverka.orientation.translation import adopt_all

    adopted = adopt_all(app_labels=["home", "orientation"])
    if adopted:
        report(f"{len(adopted)} translations recorded segment by segment")


SEEDERS = [
    seed_orientation,
    seed_meeting_places,
    seed_accessibility_statement,
    seed_translation_records,
]
