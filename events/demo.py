"""Demo events for Ålunda: a weekly language café (one date cancelled, one
moved), a monthly network meeting, a civic-orientation course group and a
Jobbhörnet-style drop-in with attendance, and past events with feedback.

Dates are relative to today, so the demo always has a past and a future.
Idempotent: pages are found by slug, programmes by name, and attendance and
feedback are only added where there is none.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from samverka.core.demo import demo_login, ensure_user
from samverka.people import phones
from samverka.people.models import Person

from .listing import listing_changed
from .models import (
    Absence,
    Attendance,
    Enrolment,
    EnrolmentPause,
    EventDateChange,
    EventIndexPage,
    EventPage,
    FeedbackResponse,
    KioskPairing,
    Participant,
    Programme,
)
from .recurrence import local_zone
from .surveys import week_of

INDEX_SLUG = "evenemang"


def _at(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=local_zone())


def _weekday_on_or_before(day, weekday):
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def _text(paragraphs):
    return [{"type": "text", "value": "".join(f"<p>{p}</p>" for p in paragraphs)}]


def _index(report):
    from wagtail.models import Locale, Site

    sv = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = site.root_page.get_translation_or_none(sv) if site else None
    if home is None:
        raise RuntimeError("seed the home page first (core's seeders)")
    index = EventIndexPage.objects.filter(locale=sv, slug=INDEX_SLUG).first()
    if index is None:
        index = EventIndexPage(
            title="På gång",
            slug=INDEX_SLUG,
            intro="Språkcaféer, informationsträffar, mingel och kurser i Ålunda. Gratis och öppet för alla.",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
        report("events index page created")
    return index


def _place(slug):
    """The site's meeting-place page with this slug, when places are pages (else None:
    on a site with the plug-in set's own places, editors add them)."""
    from .conf import get_place_model

    model = get_place_model()
    names = {field.name for field in model._meta.get_fields()}
    if not {"slug", "locale"} <= names:
        return None
    return model._default_manager.filter(slug=slug, locale__language_code="sv").first()


def _organisation(name):
    from associations.models import Organisation

    return Organisation.objects.filter(name=name).first()


def _event(index, slug, report, changes=(), **fields) -> EventPage:
    page = EventPage.objects.filter(slug=slug, locale=index.locale).first()
    if page is not None:
        return page
    page = EventPage(slug=slug, **fields)
    for change in changes:
        page.date_changes.add(change)
    index.add_child(instance=page)
    page.save_revision().publish()
    report(f"event “{page.title}”: {page.occurrences.count()} dates")
    return EventPage.objects.get(pk=page.pk)


def _people(prefix, count, rng):
    first = ["Amal", "Hodan", "Yonas", "Olena", "Reza", "Fatima", "Abdi", "Sara", "Mehdi",
             "Selam", "Omar", "Nour", "Dawit", "Iryna", "Layla", "Hamid", "Zahra", "Bilal",
             "Ayan", "Mariam", "Tesfay", "Khadija", "Ali", "Samira", "Yusuf"]  # fmt: skip
    last = ["Hassan", "Ahmed", "Tesfaye", "Kovalenko", "Karimi", "Mohamud", "Haile",
            "Rahimi", "Osman", "Bondarenko", "Yousef", "Abdi", "Gebre", "Nazari"]  # fmt: skip
    people = []
    for n in range(count):
        name = f"{first[n % len(first)]} {last[(n * 7 + len(prefix)) % len(last)]}"
        phone = f"070-{rng.randint(100, 999)} {n:02d} {len(prefix):02d}"
        first_name, last_name = name.split(" ", 1)
        language = rng.choice(["ar", "so", "ti", "fa", "uk"])
        person, _created = Person.objects.get_or_create(
            phone=phones.normalise(phone),
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "preferred_language": language,
            },
        )
        people.append(Participant.objects.for_person(person))
    return people


def _programme(event, name, kind, coordinator, participants, rng, report, **fields):
    programme, created = Programme.objects.get_or_create(
        name=name,
        defaults={"event": event, "kind": kind, "coordinator": coordinator, **fields},
    )
    if not created:
        return programme
    start = timezone.localtime(event.starts_at).date()
    for participant in participants:
        Enrolment.objects.get_or_create(
            programme=programme, participant=participant, defaults={"enrolled_on": start}
        )
    now = timezone.now()
    sessions = list(programme.sessions(now))
    attendance = []
    for p_index, participant in enumerate(participants):
        # Most come to most sessions; one participant (the fourth) stops coming,
        # so the absence rule flags them.
        for s_index, session in enumerate(sessions):
            stopped = p_index == 3 and s_index >= len(sessions) - 5
            if stopped or rng.random() > 0.87:
                continue
            attendance.append(
                Attendance(
                    occurrence=session,
                    participant=participant,
                    name=participant.name,
                    method=rng.choice([Attendance.Method.SELF, Attendance.Method.STAFF]),
                    checked_in_at=session.start + timedelta(minutes=rng.randint(0, 10)),
                )
            )
    Attendance.objects.bulk_create(attendance, ignore_conflicts=True)
    programme.evaluate(now)
    # Some absences had a valid reason, recorded by the coordinator afterwards.
    reasons = [Absence.Reason.ILLNESS, Absence.Reason.JOB_INTERVIEW, Absence.Reason.SFI_EXAM]
    for n, absence in enumerate(
        Absence.objects.filter(enrolment__programme=programme)
        .exclude(enrolment__participant=participants[3])
        .order_by("pk")[:12]
    ):
        absence.reason = reasons[n % 3]
        absence.save(update_fields=["reason"])
    flagged = programme.evaluate(now)
    report(
        f"programme “{name}”: {len(participants)} enrolled, {len(sessions)} sessions held, "
        f"{len(attendance)} check-ins, {len(flagged)} flagged by the absence rule"
    )
    return programme


def _jobbhornet_schedule(programme, coordinator, report):
    """Slots in the computer room, everyone booked, one participant on an
    internship, and a check-in screen paired to the programme. Idempotent."""
    slots = programme.derive_slots(room="Datorsalen")
    unbooked = programme.enrolments.active().filter(slots__isnull=True)
    for enrolment in unbooked:
        enrolment.slots.set(slots)
    intern = programme.enrolments.order_by("pk")[1:2].first()
    if intern is not None and not intern.pauses.exists():
        today = timezone.localdate()
        intern.pause(
            today - timedelta(days=10),
            today + timedelta(days=40),
            EnrolmentPause.Reason.INTERNSHIP,
            note="Praktik på Ekby Bygg, sex veckor.",
            by=coordinator,
        )
        report(f"{intern.participant.name} paused for an internship")
    if not programme.kiosks.exists():
        # The demo's screen shows in the admin (Events → Check-in kiosks) and can be
        # revoked there. Its token is thrown away: to check in, pair a real browser at
        # /events/kiosk/pair/ (the demo coordinator may).
        KioskPairing.pair(
            name="Surfplattan vid entrén",
            programme=programme,
            user=coordinator,
            user_agent="demo",
        )
        report(f"check-in screen paired to “{programme.name}”")


def _feedback(event, occurrence, programme, answers, rng):
    """`answers`: (satisfaction, job knowledge or None) pairs, stored anonymously (the
    week of the date, or of the course's last session; no link to anyone)."""
    if FeedbackResponse.objects.filter(event=event).exists():
        return
    comments = [
        "Mycket bra, jag lärde mig mycket om arbetsmarknaden.",
        "Bra att arbetsgivare var med.",
        "Tack! Jag vill gärna komma igen.",
        "",
        "",
    ]
    day = timezone.localdate(occurrence.start) if occurrence else timezone.localdate()
    FeedbackResponse.objects.bulk_create(
        FeedbackResponse(
            event=event,
            programme=programme,
            kind=event.category,
            week=week_of(day),
            satisfaction=satisfaction,
            job_knowledge=job,
            comment=rng.choice(comments),
        )
        for satisfaction, job in answers
    )


def _course_sessions(event, report):
    """The eight civic-orientation topics in turn, and local employers in every fourth
    session. Only sessions without topics are touched (idempotent)."""
    from associations.models import Organisation

    from .course import Topic

    employers = list(
        Organisation.objects.filter(kind=Organisation.Kind.COMPANY).order_by("name")[:3]
    )
    topics = list(Topic.values)
    changed = 0
    for n, session in enumerate(event.occurrences.order_by("start")):
        if session.topics:
            continue
        session.topics = [topics[n % len(topics)]]
        session.save(update_fields=["topics"])
        if employers and n % 4 == 1:
            session.organisations.add(employers[n % len(employers)])
        changed += 1
    if changed:
        report(f"civic orientation: topics on {changed} sessions, employers in some")


@transaction.atomic
def seed_events(report):
    rng = random.Random(7)  # noqa: S311 - demo data
    index = _index(report)
    today = timezone.localdate()
    coordinator = ensure_user(demo_login("coordinator"))
    red_cross = _organisation("Röda Korset Ålunda")
    employment = _organisation("Arbetsförmedlingen Ålunda")
    ekby, froangen = _place("motesplats-ekby"), _place("motesplats-froangen")
    where = {"place": ekby} if ekby else {"address": "Ekbytorget 4, Ålunda"}
    where_f = {"place": froangen} if froangen else {"address": "Fröangsvägen 2, Ålunda"}

    # 1. The weekly language café: one date cancelled, one moved.
    first_tuesday = _weekday_on_or_before(today, 1) - timedelta(weeks=6)
    cancelled = _weekday_on_or_before(today, 1) + timedelta(weeks=2)
    moved = cancelled + timedelta(weeks=1)
    cafe = _event(
        index,
        "sprakcafe-ekby",
        report,
        changes=[
            EventDateChange(original_date=cancelled, action="cancel", note="Lokalen är upptagen"),
            EventDateChange(
                original_date=moved,
                action="move",
                new_start=_at(moved + timedelta(days=1), 17),
                note="Flyttat till onsdag",
            ),
        ],
        title="Språkcafé på Mötesplats Ekby",
        category=EventPage.Category.LANGUAGE_CAFE,
        intro="Öva svenska över en kopp kaffe. Alla nivåer är välkomna, även du som just har börjat.",
        body=_text(
            [
                "Varje tisdag träffas nya och gamla ålundabor för att prata svenska. Volontärer "
                "från Röda Korset leder samtalen i små grupper.",
                "Du behöver inte kunna mycket svenska. Vi pratar om vardagen: mat, väder, jobb och familj.",
            ]
        ),
        organiser=red_cross,
        languages=["sv", "ar", "ti", "en"],
        audience=EventPage.Audience.EVERYONE,
        accessibility="Entré utan trappsteg. Hörslinga. Barnhörna med leksaker.",
        starts_at=_at(first_tuesday, 17),
        duration_minutes=120,
        recurrence_rule="FREQ=WEEKLY;BYDAY=TU",
        capacity=25,
        **where,
    )
    next_cafe = cafe.occurrences.scheduled().filter(start__gt=timezone.now()).first()
    if next_cafe and not next_cafe.registrations.exists():
        eva = ensure_user(demo_login("volunteer"))
        next_cafe.register(name="Eva Holm", email=eva.email, user=eva, language="sv", notify=False)
        for n, person in enumerate(["Amal Hassan", "Yonas Tesfaye", "Olena Kovalenko"]):
            next_cafe.register(
                name=person,
                email=f"{person.split()[0].lower()}@example.com",
                people=1 + n % 2,
                language=["ar", "ti", "uk"][n],
                notify=False,
            )

    # 2. The monthly network meeting of the collaboration platform.
    _event(
        index,
        "natverkstraff",
        report,
        title="Nätverksträff för samverkansplattformen",
        category=EventPage.Category.NETWORK_MEETING,
        intro="Föreningar, trossamfund, företag och kommunen träffas för att planera det gemensamma arbetet.",
        body=_text(
            [
                "Varje månad samlas representanter för plattformens organisationer. Vi delar "
                "erfarenheter, planerar aktiviteter och följer upp hur det går för nyanlända i kommunen.",
                "Representanter kan anmäla flera delegater från sin organisation på en gång.",
            ]
        ),
        languages=["sv"],
        audience=EventPage.Audience.ORGANISATIONS,
        starts_at=_at(_weekday_on_or_before(today, 2) - timedelta(weeks=8), 18),
        duration_minutes=150,
        recurrence_rule="FREQ=MONTHLY;BYDAY=1WE",
        capacity=180,
        address="Kommunhuset, Stora salen, Storgatan 1, Ålunda",
        accessibility="Hiss och tillgänglig toalett. Tolk kan beställas vid anmälan.",
    )

    # 3. A civic-orientation course group: Monday and Wednesday mornings, 3 hours.
    so_start = _weekday_on_or_before(today, 0) - timedelta(weeks=7)
    so_event = _event(
        index,
        "samhallsorientering-arabiska-ht",
        report,
        title="Samhällsorientering på arabiska – grupp 3",
        category=EventPage.Category.CIVIC_ORIENTATION,
        intro="Kursen om hur Sverige fungerar: arbete, bostad, hälsa, rättigheter och skyldigheter.",
        body=_text(
            [
                "Samhällsorienteringen är minst 100 timmar. Lokala arbetsgivare besöker "
                "gruppen och berättar om vad ett jobb hos dem kräver.",
            ]
        ),
        languages=["ar", "sv"],
        audience=EventPage.Audience.NEWCOMERS,
        starts_at=_at(so_start, 9),
        duration_minutes=180,
        recurrence_rule="FREQ=WEEKLY;BYDAY=MO,WE;COUNT=34",
        registration_required=False,
        capacity=None,
        **where_f,
    )
    so_people = _people("so", 14, rng)
    so_programme = _programme(
        so_event,
        "Samhällsorientering arabiska, grupp 3",
        Programme.Kind.CIVIC_ORIENTATION,
        coordinator,
        so_people,
        rng,
        report,
        hours_goal=100,
        absence_limit=4,
    )
    _course_sessions(so_event, report)
    _feedback(
        so_event,
        None,
        so_programme,
        [(5, 5)] * 27 + [(5, 4)] * 2 + [(4, 3), (5, None)],
        rng,
    )

    # 4. Jobbhörnet: twice a week for an hour, participants check themselves in.
    jobs_start = _weekday_on_or_before(today, 1) - timedelta(weeks=5)
    jobs_event = _event(
        index,
        "jobbhornet",
        report,
        title="Jobbhörnet",
        category=EventPage.Category.DROP_IN,
        intro="Söka jobb med stöd: cv, ansökningar och kontakt med arbetsgivare. Datorer finns på plats.",
        body=_text(
            [
                "Deltagare kommer två gånger i veckan och checkar in själva med koden på skärmen. "
                "En jobbmatchare hjälper till att hitta praktikplatser.",
            ]
        ),
        organiser=employment,
        languages=["sv", "ar", "so", "ti"],
        audience=EventPage.Audience.JOB_SEEKERS,
        starts_at=_at(jobs_start, 10),
        duration_minutes=60,
        recurrence_rule="FREQ=WEEKLY;BYDAY=TU,TH",
        registration_required=False,
        capacity=None,
        **where,
    )
    if jobs_event.category != EventPage.Category.DROP_IN:
        # Demo databases from before drop-in was a category of its own.
        jobs_event.category = EventPage.Category.DROP_IN
        jobs_event.save(update_fields=["category"])
        listing_changed()
    jobs = _programme(
        jobs_event,
        "Jobbhörnet Ekby",
        Programme.Kind.DROP_IN,
        coordinator,
        _people("jobb", 24, rng),
        rng,
        report,
        absence_limit=4,
    )
    _jobbhornet_schedule(jobs, coordinator, report)

    # 5. Past events with feedback, and an information meeting coming up.
    mingle = _event(
        index,
        "mingel-arbetsgivare",
        report,
        title="Mingel med lokala arbetsgivare",
        category=EventPage.Category.MINGLE,
        intro="Träffa arbetsgivare från vård, bygg och handel i en avslappnad miljö.",
        languages=["sv", "en", "ar"],
        audience=EventPage.Audience.JOB_SEEKERS,
        starts_at=_at(today - timedelta(days=17), 15),
        duration_minutes=120,
        capacity=80,
        **where,
    )
    _feedback(
        mingle,
        mingle.occurrences.first(),
        None,
        [(5, 4)] * 18 + [(4, 4)] * 4 + [(3, 2), (5, 5), (5, None)],
        rng,
    )
    fair = _event(
        index,
        "jobbmassa",
        report,
        title="Jobbmässa i Ålunda",
        category=EventPage.Category.JOB_FAIR,
        intro="Ett trettiotal arbetsgivare och utbildare på samma plats.",
        languages=["sv", "en"],
        audience=EventPage.Audience.EVERYONE,
        starts_at=_at(today - timedelta(days=30), 10),
        duration_minutes=300,
        registration_required=False,
        capacity=None,
        address="Ålunda sporthall, Idrottsvägen 3",
    )
    _feedback(
        fair,
        fair.occurrences.first(),
        None,
        [(5, 5)] * 12 + [(4, 4)] * 6 + [(4, 3)] * 2,
        rng,
    )
    _event(
        index,
        "informationstraff-sfi-praktik",
        report,
        title="Informationsträff: SFI, praktik och extratjänster",
        category=EventPage.Category.INFORMATION_MEETING,
        intro="Vägledare berättar om vägarna till jobb och studier. Tolk finns på arabiska, somaliska och tigrinja.",
        languages=["sv", "ar", "so", "ti"],
        audience=EventPage.Audience.NEWCOMERS,
        starts_at=_at(today + timedelta(days=9), 13),
        duration_minutes=90,
        capacity=40,
        waitlist_enabled=True,
        **where_f,
    )


def seed_texts(report):
    """Text messages in the outbox, in the participants' languages: the reminder of each
    programme's next session (queued as `tick` would the day before; the outbox's keys
    keep a second run from queueing them again)."""
    from .reminders import send_session_reminders

    # Visitors who registered for the language café with a phone number only: their
    # confirmations go by text, each in the visitor's language.
    cafe = EventPage.objects.filter(slug="sprakcafe-ekby").first()
    date = cafe and cafe.occurrences.scheduled().filter(start__gt=timezone.now()).first()
    if date is not None:
        for name, phone, language in [
            ("Selam Gebre", "+46701110042", "ti"),
            ("Iryna Bondarenko", "+46701110043", "uk"),
            ("Nour Yousef", "+46701110044", "ar"),
            ("Mehdi Karimi", "+46701110045", "fa"),
        ]:
            if not date.registrations.filter(phone=phone).exists():
                date.register(name=name, phone=phone, language=language)
                report(f"{name} registered by phone ({language}): confirmation by text")

    queued = 0
    for programme in Programme.objects.select_related("event"):
        session = programme.event.occurrences.scheduled().upcoming().order_by("start").first()
        if session is not None:
            queued += send_session_reminders(now=session.start - timedelta(hours=12))
    report(f"{queued} session reminders queued as text messages")


from .municipality_demo import seed_shared_course  # noqa: E402  (Norrvik in Ålunda's course)

SEEDERS = [seed_events, seed_shared_course, seed_texts]
