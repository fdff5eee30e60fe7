"""Demo data for kompis matching: about 230 newcomers (a year's intake in a municipality like
Järfälla) with the languages of recent arrivals, a waiting list, active and ended matches, and
for the demo volunteer (Eva Holm) one active match and one proposal to answer.

Idempotent: newcomers are keyed on their phone number; matches are only created once.
Runs after the associations seeders (volunteers must exist).
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from associations.districts import districts as district_centres
from associations.models import Volunteer
from samverka.core.demo import demo_login
from samverka.people import phones
from samverka.people.models import ConsentRecord, ConsentVersion, Person

from .models import INTERESTS, Match, MatchingPolicy, Meeting, Newcomer

# first language: (share, first names, family names)
ORIGINS = {
    "ar": (
        0.30,
        ["Amina", "Omar", "Layla", "Yusuf", "Fatima", "Khaled", "Rania", "Ahmad", "Nour", "Samir"],
        ["Haddad", "Khalil", "Mansour", "Nasser", "Saleh", "Darwish", "Aziz", "Hamdan"],
    ),
    "prs": (
        0.15,
        ["Farid", "Mariam", "Zahra", "Ali Reza", "Habiba", "Jawad", "Shabnam", "Rahim"],
        ["Ahmadi", "Haidari", "Karimi", "Noori", "Rahimi", "Sultani", "Wardak"],
    ),
    "ti": (
        0.12,
        ["Yonas", "Selam", "Tesfay", "Helen", "Dawit", "Senait", "Mehari", "Ruta"],
        ["Gebremedhin", "Tesfamariam", "Haile", "Berhane", "Kidane", "Woldu"],
    ),
    "so": (
        0.11,
        ["Hawa", "Abdi", "Faadumo", "Mohamed", "Ifrah", "Hodan", "Abdirahman", "Sahra"],
        ["Ali", "Warsame", "Farah", "Hassan", "Jama", "Osman", "Abdullahi"],
    ),
    "uk": (
        0.22,
        ["Olena", "Andrii", "Iryna", "Oksana", "Dmytro", "Kateryna", "Serhii", "Natalia"],
        ["Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk"],
    ),
    "fa": (0.06, ["Reza", "Parisa", "Babak", "Shirin"], ["Hosseini", "Moradi", "Jafari"]),
    "ku": (0.04, ["Rojda", "Dilan", "Azad", "Berivan"], ["Bakir", "Zana", "Rashid"]),
}
SFI = ["", "A", "B", "B", "C", "C", "D", "done"]
PROFESSIONS = [
    ("Sjuksköterska", "Vård"),
    ("Undersköterska", "Vård"),
    ("Lärare", "Utbildning"),
    ("Ingenjör", "Teknik"),
    ("Elektriker", "Bygg"),
    ("Snickare", "Bygg"),
    ("Kock", "Hotell och restaurang"),
    ("Frisör", "Service"),
    ("Busschaufför", "Transport"),
    ("Ekonom", "Ekonomi"),
    ("Programmerare", "Teknik"),
    ("Lantbrukare", "Jordbruk"),
    ("", ""),
    ("", ""),
]
END_REASONS = [
    (Match.EndReason.COMPLETED, "Ett fint halvår. Vi fikar fortfarande ibland."),
    (Match.EndReason.NEWCOMER_MOVED, "Flyttade till Uppsala för studier."),
    (Match.EndReason.VOLUNTEER_STOPPED, "Fick nytt jobb med kvällsarbete."),
]
ACTIVITIES = [
    "Fika och svenskträning",
    "Promenad runt sjön",
    "Besök på biblioteket",
    "Lagade mat tillsammans",
    "Hjälp med ett brev från Försäkringskassan",
    "Loppis",
]
COUNT = 230


def _rows(rng: random.Random):
    origins = list(ORIGINS)
    shares = [ORIGINS[o][0] for o in origins]
    centres = district_centres()
    districts = list(centres)
    slots = [
        f"{d}_{p}"
        for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
        for p in ("morning", "afternoon", "evening")
    ]
    interest_codes = [code for code, _label in INTERESTS]
    for index in range(COUNT):
        origin = rng.choices(origins, weights=shares)[0]
        _share, firsts, lasts = ORIGINS[origin]
        languages = {origin: 5}
        if origin == "uk":
            languages["ru"] = 4
        if origin == "prs":
            languages["fa"] = 4
        if rng.random() < 0.45:
            languages["en"] = rng.randint(1, 4)
        female = index % 2 == 0
        district = rng.choice(districts)
        lat, lon = centres[district]
        profession, sector = rng.choice(PROFESSIONS)
        yield {
            "phone": f"073-{index:03d} {index * 11 % 100:02d} {index * 17 % 100:02d}",
            "first_name": rng.choice(firsts[0::2] if female else firsts[1::2]),
            "last_name": rng.choice(lasts),
            "languages": languages,
            "sfi_course": rng.choice(SFI),
            "district": district,
            "latitude": lat,
            "longitude": lon,
            "gender": Newcomer.Gender.FEMALE if female else Newcomer.Gender.MALE,
            "birth_year": rng.randint(1962, 2005),
            "household": rng.choice(list(Newcomer.Household.values)),
            "interests": rng.sample(interest_codes, k=rng.randint(1, 4)),
            "goals": rng.sample(list(Newcomer.Goal.values), k=rng.randint(1, 2)),
            "availability": sorted(rng.sample(slots, k=rng.randint(3, 7)), key=slots.index),
            "mentor_gender": Newcomer.Gender.FEMALE if female and rng.random() < 0.3 else "",
            "profession": profession,
            "sector": sector,
            "date_of_settlement": timezone.localdate()
            - datetime.timedelta(days=rng.randint(20, 700)),
            "waiting_since": timezone.now() - datetime.timedelta(days=rng.randint(1, 250)),
            "consent_method": rng.choice(list(ConsentRecord.Method.values)),
            "status": Newcomer.Status.PENDING if index % 40 == 0 else Newcomer.Status.WAITING,
            "source": Newcomer.Source.PUBLIC_FORM
            if index % 40 == 0
            else Newcomer.Source.COORDINATOR,
        }


def seed_newcomers(report):
    rng = random.Random(233)
    MatchingPolicy.objects.current()
    existing = {str(p) for p in Person.objects.values_list("phone", flat=True)}
    rows = [row for row in _rows(rng) if phones.normalise(row["phone"]) not in existing]
    consent = ConsentVersion.objects.current(ConsentVersion.Purpose.KOMPIS)
    with transaction.atomic():
        methods = [row.pop("consent_method") for row in rows]
        new = [Newcomer.build(**row) for row in rows]
        people = Person.objects.bulk_create([n.person for n in new])
        for newcomer, person in zip(new, people, strict=True):
            newcomer.person = person
        Newcomer.objects.bulk_create(new)
        if consent is not None:
            for method in set(methods):
                ConsentRecord.record_for_all(
                    [p for p, m in zip(people, methods, strict=True) if m == method],
                    consent,
                    method,
                )
    report(f"{Newcomer.objects.count()} newcomers ({len(new)} new)")


def seed_matches(report):
    if Match.objects.exists():
        report(f"{Match.objects.count()} kompis matches (already seeded)")
        return
    rng = random.Random(5)
    now = timezone.now()
    buddies = list(
        Volunteer.objects.vetted()
        .with_role(Volunteer.Role.BUDDY)
        .filter(capacity__gt=0)
        .order_by("pk")
    )
    eva = Volunteer.objects.filter(email=demo_login("volunteer").email).first()
    waiting = list(Newcomer.objects.waiting().order_by("pk"))
    rng.shuffle(waiting)
    created = {"active": 0, "ended": 0, "proposed": 0}

    def take(volunteer, newcomer, status, days_ago):
        started = now - datetime.timedelta(days=days_ago)
        match = Match.objects.create(
            newcomer=newcomer,
            volunteer=volunteer,
            status=status,
            approved_at=started - datetime.timedelta(days=5),
            volunteer_answer=Match.Answer.ACCEPTED
            if status != Match.Status.PROPOSED
            else Match.Answer.PENDING,
            newcomer_answer=Match.Answer.ACCEPTED
            if status != Match.Status.PROPOSED
            else Match.Answer.PENDING,
            started_at=started if status != Match.Status.PROPOSED else None,
        )
        newcomer.status = (
            Newcomer.Status.CLOSED if status == Match.Status.ENDED else Newcomer.Status.MATCHED
        )
        newcomer.save(update_fields=["status"])
        if status == Match.Status.PROPOSED:
            created["proposed"] += 1
            return match
        meetings = [
            Meeting(
                match=match,
                date=(started + datetime.timedelta(days=7 * k + rng.randint(0, 3))).date(),
                minutes=rng.choice([60, 90, 120]),
                activity=rng.choice(ACTIVITIES),
            )
            for k in range(rng.randint(1, 8))
            if started + datetime.timedelta(days=7 * k) < now
        ]
        Meeting.objects.bulk_create(meetings)
        match.last_contact_on = max((m.date for m in meetings), default=None)
        if status == Match.Status.ENDED:
            reason, feedback = rng.choice(END_REASONS)
            match.ended_at = started + datetime.timedelta(days=rng.randint(90, 200))
            match.end_reason, match.feedback = reason, feedback
            created["ended"] += 1
        else:
            created["active"] += 1
        match.save()
        if status == Match.Status.ACTIVE:
            from .models import FollowUp

            FollowUp.schedule(match)
        return match

    with transaction.atomic():
        if eva is not None and len(waiting) >= 2:
            take(eva, waiting.pop(), Match.Status.ACTIVE, 60)
            take(eva, waiting.pop(), Match.Status.PROPOSED, 0)
        others = [b for b in buddies if b.pk != getattr(eva, "pk", None)]
        for k, volunteer in enumerate(others[:45]):
            if not waiting:
                break
            if k % 3 == 2:
                take(volunteer, waiting.pop(), Match.Status.ENDED, rng.randint(220, 400))
            if waiting and volunteer.capacity >= 1:
                take(volunteer, waiting.pop(), Match.Status.ACTIVE, rng.randint(10, 200))
    report(
        f"kompis matches: {created['active']} active, {created['ended']} ended, "
        f"{created['proposed']} proposed; {Newcomer.objects.waiting().count()} newcomers waiting"
    )


SEEDERS = [seed_newcomers, seed_matches]
