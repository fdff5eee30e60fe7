"""Demo data for internships: about 25 places at the demo employers (companies
and public actors), a handful of internship mentors, and some 45 internships over
the last seventeen months in every state, with follow-ups, contact logs and
outcomes at the end and 90 and 180 days later — enough for the report to give a
figure like Eskilstuna's "53 into real jobs and 70 into subsidised jobs".

Idempotent: places are keyed on employer and title, mentors and newcomers on
their phone number, and a newcomer who already has an internship gets no other.
Runs after the associations and mentors seeders.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from associations.districts import districts as district_centres
from associations.models import Membership, Organisation, Volunteer
from associations.validators import luhn_check_digit
from samverka.core.demo import demo_login, ensure_user
from samverka.people import phones
from samverka.people.models import ConsentRecord, ConsentVersion, Person

from .models import (
    EMPLOYER_KINDS,
    ContactLogEntry,
    FollowUp,
    Internship,
    InternshipPlace,
    Outcome,
)

# (title, occupation, sector, competences, languages at work, hours, seats, employer hint)
PLACES = [
    ("Snickare på bygget", "Snickare", "Bygg", ["handverktyg", "ritningar"], ["sv"], 35, 2, "Bygg"),
    ("Målare, praktik", "Målare", "Bygg", ["spackling", "målning"], ["sv"], 35, 1, "Bygg"),
    (
        "Byggarbetare",
        "Byggarbetare",
        "Bygg",
        ["säkerhet", "ställning"],
        ["sv", "en"],
        35,
        2,
        "Bygg",
    ),
    ("Butikssäljare", "Butikssäljare", "Handel", ["kundservice", "kassa"], ["sv"], 30, 2, "Livs"),
    (
        "Lagerarbete i butik",
        "Lagerarbetare",
        "Handel",
        ["plock", "varumottagning"],
        ["sv"],
        30,
        1,
        "Livs",
    ),
    (
        "Undersköterska, hemtjänst",
        "Undersköterska",
        "Vård och omsorg",
        ["omvårdnad", "dokumentation"],
        ["sv"],
        30,
        3,
        "Omsorg",
    ),
    (
        "Vårdbiträde, äldreboende",
        "Vårdbiträde",
        "Vård och omsorg",
        ["omvårdnad", "bemötande"],
        ["sv"],
        30,
        2,
        "Omsorg",
    ),
    (
        "Kockpraktik",
        "Kock",
        "Hotell och restaurang",
        ["matlagning", "hygien"],
        ["sv", "ar"],
        35,
        1,
        "Kryddan",
    ),
    (
        "Servering",
        "Servitör",
        "Hotell och restaurang",
        ["kundservice", "servering"],
        ["sv", "en"],
        25,
        1,
        "Kryddan",
    ),
    (
        "Fastighetsskötare",
        "Fastighetsskötare",
        "Fastighet",
        ["felanmälan", "underhåll"],
        ["sv"],
        35,
        1,
        "Fastigheter",
    ),
    (
        "Lokalvård",
        "Lokalvårdare",
        "Fastighet",
        ["städning", "kemikalier"],
        ["sv"],
        30,
        2,
        "Fastigheter",
    ),
    (
        "Truckförare, lager",
        "Truckförare",
        "Logistik",
        ["truckkort", "plock"],
        ["sv", "en"],
        40,
        2,
        "logistik",
    ),
    (
        "Lagerarbetare, terminal",
        "Lagerarbetare",
        "Logistik",
        ["plock", "skanner"],
        ["sv", "en"],
        40,
        2,
        "logistik",
    ),
    (
        "Supporttekniker",
        "Supporttekniker",
        "IT",
        ["felsökning", "kundservice"],
        ["sv", "en"],
        35,
        1,
        "IT-huset",
    ),
    (
        "Utvecklare, junior",
        "Systemutvecklare",
        "IT",
        ["programmering", "git"],
        ["en", "sv"],
        40,
        1,
        "IT-huset",
    ),
    (
        "Biblioteksassistent",
        "Biblioteksassistent",
        "Kultur",
        ["kundservice", "språk"],
        ["sv", "ar", "en"],
        25,
        1,
        "bibliotek",
    ),
    (
        "Språkstöd i verksamheten",
        "Språkstödjare",
        "Utbildning",
        ["språk", "tolkning"],
        ["sv", "ar", "so"],
        20,
        2,
        "Jobbcentrum",
    ),
    (
        "Administratör, etablering",
        "Administratör",
        "Offentlig förvaltning",
        ["dator", "dokumentation"],
        ["sv"],
        30,
        1,
        "Arbetsförmedlingen",
    ),
    (
        "Barnskötare, öppna förskolan",
        "Barnskötare",
        "Utbildning",
        ["barn", "lek"],
        ["sv"],
        30,
        2,
        "förskolan",
    ),
    (
        "Fritidsledare",
        "Fritidsledare",
        "Utbildning",
        ["ungdomar", "idrott"],
        ["sv", "ar"],
        25,
        1,
        "Fritidsgården",
    ),
    ("Elektrikerpraktik", "Elektriker", "Bygg", ["elsäkerhet", "ritningar"], ["sv"], 35, 1, "Bygg"),
    ("Kassabiträde", "Butikssäljare", "Handel", ["kassa", "kundservice"], ["sv"], 25, 1, "Livs"),
    (
        "Vaktmästare",
        "Vaktmästare",
        "Fastighet",
        ["underhåll", "körkort"],
        ["sv"],
        35,
        1,
        "Fastigheter",
    ),
    (
        "Diskare och köksbiträde",
        "Köksbiträde",
        "Hotell och restaurang",
        ["hygien", "disk"],
        ["sv"],
        30,
        1,
        "Kryddan",
    ),
    (
        "Personlig assistent",
        "Personlig assistent",
        "Vård och omsorg",
        ["omvårdnad", "bemötande"],
        ["sv"],
        30,
        2,
        "Omsorg",
    ),
]

# Internship mentors from the associations: professionals in the trades above.
MENTORS = [
    ("Lars", "Öberg", "Snickare", "Bygg", "Ålunda centrum", "male"),
    ("Birgitta", "Sand", "Undersköterska", "Vård och omsorg", "Västerby", "female"),
    ("Hassan", "Jaber", "Butikssäljare", "Handel", "Västerby", "male"),
    ("Marie", "Lund", "Kock", "Hotell och restaurang", "Ålunda centrum", "female"),
    ("Goran", "Petrović", "Truckförare", "Logistik", "Västerby", "male"),
    ("Elin", "Ström", "Systemutvecklare", "IT", "Ålunda centrum", "female"),
    ("Kerstin", "Dahl", "Förskollärare", "Utbildning", "Norrängen", "female"),
    ("Per", "Hall", "Fastighetsskötare", "Fastighet", "Söderdal", "male"),
]

FIRST = {
    "female": [
        "Amina",
        "Mariam",
        "Selam",
        "Hawa",
        "Olena",
        "Zahra",
        "Ifrah",
        "Nour",
        "Helen",
        "Rania",
    ],
    "male": [
        "Omar",
        "Farid",
        "Yonas",
        "Abdi",
        "Taras",
        "Jawad",
        "Dawit",
        "Samir",
        "Khaled",
        "Rahim",
    ],
}
LAST = ["Haddad", "Ahmadi", "Haile", "Warsame", "Kovalenko", "Karimi", "Berhane", "Nasser", "Aziz"]
FIRST_LANGUAGE = ["ar", "prs", "ti", "so", "uk", "fa", "ti", "so", "ar", "ar"]

INTERNSHIPS = 45


def _employers():
    employers = list(
        Organisation.objects.approved()
        .filter(kind__in=EMPLOYER_KINDS)
        .order_by("organisation_number")
    )
    if len(employers) >= 2:
        return employers
    # The associations demo did not run: two employers of our own.
    for index, (name, kind) in enumerate(
        [
            ("Ålunda Praktikföretag AB", Organisation.Kind.COMPANY),
            ("Ålunda kommun, praktik", Organisation.Kind.PUBLIC_ACTOR),
        ]
    ):
        first_nine = f"{'556' if kind == Organisation.Kind.COMPANY else '212'}{600000 + index:06d}"
        digits = first_nine + luhn_check_digit(first_nine)
        Organisation.objects.get_or_create(
            organisation_number=f"{digits[:6]}-{digits[6:]}",
            defaults={
                "name": name,
                "kind": kind,
                "status": Organisation.Status.APPROVED,
                "district": "Ålunda centrum",
            },
        )
    return list(
        Organisation.objects.approved()
        .filter(kind__in=EMPLOYER_KINDS)
        .order_by("organisation_number")
    )


def _employer_for(hint: str, employers, index: int):
    for employer in employers:
        if hint.casefold() in employer.name.casefold():
            return employer
    return employers[index % len(employers)]


def seed_places(report):
    today = timezone.localdate()
    employers = _employers()
    coordinator = ensure_user(demo_login("coordinator"))
    centres = district_centres()
    districts = list(centres)
    created = 0
    with transaction.atomic():
        for index, (
            title,
            occupation,
            sector,
            competences,
            languages,
            hours,
            seats,
            hint,
        ) in enumerate(PLACES):
            employer = _employer_for(hint, employers, index)
            district = (
                employer.district
                if employer.district in centres
                else districts[index % len(districts)]
            )
            _place, was_created = InternshipPlace.objects.get_or_create(
                employer=employer,
                title=title,
                defaults={
                    "occupation": occupation,
                    "sector": sector,
                    "description": f"Praktik som {occupation.lower()} hos {employer.name}. "
                    "Du får en handledare på arbetsplatsen och en mentor från en förening.",
                    "competences": competences,
                    "languages": languages,
                    "district": district,
                    "starts_on": today - timedelta(days=560),
                    "ends_on": today + timedelta(days=200),
                    "hours_per_week": hours,
                    "number_of_places": seats,
                    "supervisor_name": f"Handledare {employer.name.split()[0]}",
                    "supervisor_email": f"handledare.{index:02d}@demo.samverka.se",
                    "supervisor_phone": f"08-580 9{index:02d} 00",
                    # Two places posted by employers wait for approval.
                    "review": InternshipPlace.Review.PENDING
                    if index in (20, 23)
                    else InternshipPlace.Review.APPROVED,
                    "reviewed_by": None if index in (20, 23) else coordinator,
                    "reviewed_at": None if index in (20, 23) else timezone.now(),
                },
            )
            created += was_created
    report(
        f"{InternshipPlace.objects.count()} internship places ({created} new) at {len(employers)} employers"
    )


def seed_mentors(report):
    network = Organisation.objects.filter(name__icontains="Mentorsnätverket").first()
    created = 0
    with transaction.atomic():
        for index, (first, last, profession, sector, district, gender) in enumerate(MENTORS):
            lat, lon = district_centres().get(district, (None, None))
            volunteer, was_created = Volunteer.objects.get_or_create(
                phone=f"070-990 00 {index:02d}",
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"praktikmentor.{index:02d}@demo.samverka.se",
                    "district": district,
                    "latitude": lat,
                    "longitude": lon,
                    "gender": gender,
                    "birth_year": 1960 + index * 3,
                    "languages": {"sv": 5, "en": 3} | ({"ar": 5} if first == "Hassan" else {}),
                    "roles": [Volunteer.Role.INTERNSHIP_MENTOR],
                    "availability": [
                        "mon_morning",
                        "tue_afternoon",
                        "wed_morning",
                        "thu_afternoon",
                    ],
                    "capacity": 3,
                    "profession": profession,
                    "sector": sector,
                    "status": Volunteer.Status.VETTED,
                    "vetted_at": timezone.now(),
                },
            )
            created += was_created
            if network is not None:
                Membership.objects.get_or_create(volunteer=volunteer, organisation=network)
    report(f"{len(MENTORS)} internship mentors ({created} new)")


def _newcomer(index, rng, Newcomer, place, today):
    gender = "female" if index % 2 == 0 else "male"
    centres = district_centres()
    district = list(centres)[index % len(centres)]
    lat, lon = centres[district]
    first_language = FIRST_LANGUAGE[index % len(FIRST_LANGUAGE)]
    person, created = Person.objects.get_or_create(
        phone=phones.normalise(f"076-8{index:02d} 10 {index % 100:02d}"),
        defaults={
            "first_name": FIRST[gender][index % 10],
            "last_name": LAST[index % len(LAST)],
            "languages": {
                first_language: 5,
                "sv": rng.choice([2, 3, 3, 4]),
                "en": rng.choice([1, 2, 3]),
            },
            "district": district,
            "latitude": lat,
            "longitude": lon,
            "gender": gender,
            "birth_year": rng.randint(1970, 2003),
            "date_of_settlement": today - timedelta(days=rng.randint(420, 1500)),
        },
    )
    newcomer, _created = Newcomer.objects.get_or_create(
        person=person,
        defaults={
            "profession": place.occupation if index % 3 else "",
            "sector": place.sector if index % 3 else "",
            "status": Newcomer.Status.PAUSED,
            "notes": "Praktikdemo",
        },
    )
    consent = ConsentVersion.objects.current(ConsentVersion.Purpose.KOMPIS)
    if created and consent is not None:
        person.record_consent(consent, ConsentRecord.Method.ORAL)
    return newcomer


END_OUTCOMES = [
    (Outcome.Kind.JOB, 20),
    (Outcome.Kind.EXTRATJANST, 10),
    (Outcome.Kind.NYSTARTSJOBB, 10),
    (Outcome.Kind.LONEBIDRAG, 5),
    (Outcome.Kind.INTRODUKTIONSJOBB, 5),
    (Outcome.Kind.SFI, 6),
    (Outcome.Kind.KOMVUX, 6),
    (Outcome.Kind.VOCATIONAL, 4),
    (Outcome.Kind.CONTINUED, 6),
    (Outcome.Kind.LOOKING, 24),
    (Outcome.Kind.OTHER, 4),
]


def _pick(rng, weighted):
    kinds, weights = zip(*weighted, strict=True)
    return rng.choices(kinds, weights=weights)[0]


def _record_outcomes(internship, rng, today, coordinator):
    ended = internship.ended_on
    kind = _pick(rng, END_OUTCOMES)
    job_start = None
    for checkpoint, days in (("end", 0), ("day_90", 90), ("day_180", 180)):
        on = ended + timedelta(days=days)
        if on > today:
            break
        if checkpoint != "end" and Outcome.GROUP_OF[kind] not in Outcome.JOB_GROUPS:
            # Some who studied, continued or looked for work find a job later.
            if rng.random() < 0.45:
                kind = _pick(rng, END_OUTCOMES[:5])
        is_job = Outcome.GROUP_OF[kind] in Outcome.JOB_GROUPS
        if is_job and job_start is None:
            job_start = min(on, ended + timedelta(days=rng.randint(3, 40)))
            job_start = max(job_start, internship.start_date)
        Outcome.objects.create(
            internship=internship,
            checkpoint=checkpoint,
            kind=kind,
            recorded_on=on,
            job_start_date=job_start if is_job else None,
            employer_name=internship.place.employer.name if is_job and rng.random() < 0.6 else "",
            recorded_by=coordinator,
        )


FOLLOW_UP_TEXT = {
    "start": (
        "Introduktion klar, skyddsutrustning utdelad.",
        "Nervös men glad.",
        "Bra första vecka.",
    ),
    "midpoint": (
        "Arbetar självständigt med enklare uppgifter.",
        "Trivs, vill lära mer svenska ord för jobbet.",
        "Punktlig och nyfiken.",
    ),
    "final": (
        "Målen i stort sett nådda.",
        "Vill jobba i branschen.",
        "Kan rekommenderas för anställning.",
    ),
}


def _hold_follow_ups(internship, today, coordinator, rng):
    for follow_up in internship.follow_ups.all():
        if follow_up.due_on > today:
            continue
        progress, newcomer_view, supervisor_view = FOLLOW_UP_TEXT[follow_up.kind]
        follow_up.completed_on = follow_up.due_on + timedelta(days=rng.randint(0, 3))
        follow_up.completed_by = coordinator
        follow_up.rating = rng.choice([2, 3, 3, 4, 4])
        follow_up.attendance = rng.choice(["full", "full", "full", "some"])
        follow_up.goals_progress = progress
        follow_up.newcomer_view = newcomer_view
        follow_up.supervisor_view = supervisor_view
        follow_up.mentor_view = "Vi ses varje vecka och går igenom arbetsdagen."
        follow_up.reminded_at = timezone.now()
        follow_up.save()


def seed_internships(report):
    from django.apps import apps

    Newcomer = apps.get_model("mentors", "Newcomer")
    rng = random.Random(53_70)  # noqa: S311 - demo data, fixed for repeatability
    today = timezone.localdate()
    coordinator = ensure_user(demo_login("coordinator"))
    places = list(InternshipPlace.objects.approved().select_related("employer").order_by("pk"))
    mentors = list(
        Volunteer.objects.vetted().with_role(Volunteer.Role.INTERNSHIP_MENTOR).order_by("pk")
    )
    if not places:
        report("no internship places: internships skipped")
        return
    created = 0
    for index in range(INTERNSHIPS):
        place = places[index % len(places)]
        newcomer = _newcomer(index, rng, Newcomer, place, today)
        if newcomer.internships.exists():
            continue
        # Spread over seventeen months back; the last few are running or planned.
        if index >= INTERNSHIPS - 4:
            state = Internship.Status.PLANNED
            start = today + timedelta(days=7 + index % 20)
        elif index >= INTERNSHIPS - 10:
            state = Internship.Status.ACTIVE
            start = today - timedelta(days=10 + 7 * (index % 6))
        else:
            start = today - timedelta(days=510 - index * 12 + rng.randint(0, 6))
            state = (
                Internship.Status.CANCELLED
                if index % 17 == 5
                else Internship.Status.INTERRUPTED
                if index % 9 == 4
                else Internship.Status.COMPLETED
            )
        end = start + timedelta(days=rng.choice([56, 70, 84, 90]))
        with transaction.atomic():
            internship = Internship.objects.place(
                newcomer=newcomer,
                place=place,
                start_date=start,
                end_date=end,
                coordinator=coordinator,
                plan=f"Introduktion första veckan, sedan arbete som {place.occupation.lower()} "
                "med handledare. Mentorn träffar praktikanten varje vecka.",
                goals="Lära arbetsplatsens rutiner\nYrkessvenska för branschen\n"
                + rng.choice(place.competences or ["Arbeta självständigt"]).capitalize(),
            )
            fitting = [
                m
                for m in mentors
                if m.sector.casefold() == place.sector.casefold()
                or m.profession.casefold() == place.occupation.casefold()
            ]
            if fitting and state != Internship.Status.CANCELLED and index % 5:
                internship.mentor = fitting[index % len(fitting)]
                internship.save(update_fields=["mentor"])
            if state == Internship.Status.CANCELLED:
                internship.cancel()
            elif state != Internship.Status.PLANNED:
                internship.start()
                if state in Internship.ENDED:
                    early = state == Internship.Status.INTERRUPTED
                    ended = start + timedelta(days=20) if early else end
                    internship.finish(
                        ended,
                        early=early,
                        reason="Fick erbjudande om jobb på annat håll"
                        if index % 2
                        else "Flyttade till annan kommun",
                    )
                _hold_follow_ups(internship, today, coordinator, rng)
                for n, party in enumerate(["coordinator", "mentor", "supervisor"][: 1 + index % 3]):
                    ContactLogEntry.objects.create(
                        internship=internship,
                        date=min(today, start + timedelta(days=5 + 9 * n)),
                        party=party,
                        channel=["visit", "meeting", "phone"][n],
                        note=[
                            "Trepartssamtal på arbetsplatsen om plan och mål.",
                            "Fika med praktikanten; gick igenom ord från jobbet.",
                            "Handledaren ringde: allt fungerar, vill förlänga en vecka.",
                        ][n],
                        author=coordinator,
                    )
                if state in Internship.ENDED:
                    _record_outcomes(internship, rng, today, coordinator)
            created += 1
    counts = dict(Internship.objects.order_by().values_list("status").annotate(n=Count("id")))
    report(
        f"{Internship.objects.count()} internships ({created} new): "
        + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        + f"; {Outcome.objects.count()} outcomes, "
        f"{FollowUp.objects.filter(completed_on__isnull=False).count()} follow-ups held"
    )


SEEDERS = [seed_places, seed_mentors, seed_internships]
