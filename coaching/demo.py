"""Demo data for coaching: the two demo meeting places with five actors each, three
counsellors, 150 coaching cases over the last seventeen months with their contacts,
referrals between the actors, and outcomes shaped like Eskilstuna's figure (about 50 people
into real jobs and 70 into subsidised jobs in seventeen months).

Idempotent: the added actors are keyed on their organisation, the counsellors on their email,
the people on their phone number, and a person who already has a case gets no other.
Runs after the orientation seeder (which creates the meeting places).
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from associations.models import Organisation
from associations.validators import luhn_check_digit
from samverka.core.demo import DemoLogin, ensure_user
from samverka.people.models import Person
from samverka.people.outcomes import Outcome

from .models import MEETING_PLACE_MODEL, ActorMembership, Case, CaseOutcome, Contact, Referral

CASES = 150
MONTHS = 17

# (meeting place slug, the fifth actor added to the orientation demo's four, its offer)
FIFTH_ACTOR = {
    "motesplats-ekby": ("Familjerådgivningen Ålunda", "family"),
    "motesplats-froangen": ("Fröängens bibliotek", "library"),
}
FIFTH_ACTOR_TEXT = {
    "family": "Samtal för par och familjer om vardag, ekonomi och barn. Gratis och utan journal.",
    "library": "Lånekort, datorer och läxhjälp. Personalen hjälper dig att hitta böcker på ditt språk.",
}

COUNSELLORS = [
    # (login, meeting place slug, offer of the actor they work for)
    (
        DemoLogin(
            "counsellor",
            "vagledare@demo.samverka.se",
            "Sara",
            "Lind",
            "demo-vagledare",
            "Counsellor",
        ),
        "motesplats-ekby",
        "job",
    ),
    (
        DemoLogin(
            "counsellor Fröängen",
            "vagledare2@demo.samverka.se",
            "Omar",
            "Hadi",
            "demo-vagledare",
            "Counsellor",
        ),
        "motesplats-froangen",
        "job",
    ),
    (
        DemoLogin(
            "family counsellor",
            "familj@demo.samverka.se",
            "Lina",
            "Berg",
            "demo-familj",
            "Counsellor",
        ),
        "motesplats-ekby",
        "family",
    ),
]

FIRST_NAMES = {
    "female": ["Amina", "Hodan", "Semhar", "Zahra", "Olena", "Fatima", "Nour", "Saba", "Leila"],
    "male": ["Abdi", "Yonas", "Ahmad", "Mohammed", "Dmytro", "Reza", "Samir", "Tesfay", "Karim"],
}
LAST_NAMES = [
    "Hassan", "Ali", "Tesfamariam", "Ahmadi", "Kovalenko", "Yusuf", "Haile", "Rahimi",
    "Abdullahi", "Shevchenko", "Mohamud", "Karimi", "Ghebre", "Osman", "Nasser",
]  # fmt: skip
EMPLOYERS = ["Städservice i Ålunda AB", "Ålunda kommun, äldreomsorgen", "Lagerhuset Syd",
             "Restaurang Torget", "Ålunda Bygg AB", "Bussbolaget"]  # fmt: skip
NOTES = [
    "Gick igenom CV och personligt brev.",
    "Sökte tre jobb tillsammans på Platsbanken.",
    "Övade inför intervju på ett lager.",
    "Pratade om SFI-nivå och körkort.",
    "Uppföljning per telefon.",
]
REASONS = {
    "family": "Behöver stöd kring barnomsorg och familjens ekonomi innan jobbstart.",
    "library": "Vill låna datorer och få hjälp med e-tjänster.",
    "language": "Vill öva svenska inför intervjuer.",
    "open_preschool": "Förälder hemma med små barn, vill träffa andra.",
    "citizen_service": "Behöver hjälp med blanketter till Försäkringskassan.",
    "job": "Redo att börja söka jobb.",
}

# 150 outcomes shaped like Eskilstuna's 17 months: real jobs, subsidised jobs, studies, none.
PLAN = (
    [Outcome.Kind.JOB_PERMANENT] * 14
    + [Outcome.Kind.JOB_TEMPORARY] * 22
    + [Outcome.Kind.JOB_HOURLY] * 16
    + [Outcome.Kind.EXTRATJANST] * 24
    + [Outcome.Kind.NYSTARTSJOBB] * 20
    + [Outcome.Kind.LONEBIDRAG] * 12
    + [Outcome.Kind.INTRODUKTIONSJOBB] * 8
    + [Outcome.Kind.ETABLERINGSJOBB] * 6
    + [Outcome.Kind.KOMVUX] * 8
    + [Outcome.Kind.VOCATIONAL] * 4
    + [Outcome.Kind.BUSINESS] * 2
    + [None] * 14
)


def _places():
    model = apps.get_model(MEETING_PLACE_MODEL)
    return {
        place.slug: place
        for place in model.objects.filter(slug__in=FIFTH_ACTOR, locale__language_code="sv")
    }


def _organisation(name: str, offer: str) -> Organisation:
    """The registry's organisation for a demo actor: the municipality's own units are public
    actors, the language café an association. Organisation numbers are made up (2120009NN
    plus the Luhn digit), like the other demo organisations'."""
    organisation = Organisation.objects.filter(name=name).first()
    if organisation is not None:
        return organisation
    n = 0
    while True:
        first_nine = f"2120009{n:02d}"
        number = f"{first_nine[:6]}-{first_nine[6:]}{luhn_check_digit(first_nine)}"
        if not Organisation.objects.filter(organisation_number=number).exists():
            break
        n += 1
    return Organisation.objects.create(
        name=name,
        organisation_number=number,
        kind=Organisation.Kind.ASSOCIATION
        if offer == "language"
        else Organisation.Kind.PUBLIC_ACTOR,
        status=Organisation.Status.APPROVED,
        is_listed=False,
    )


def seed_actors(report):
    """Link the orientation demo's actors (given by name) to organisations of the registry,
    and add a fifth actor to each meeting place."""
    for slug, place in _places().items():
        name, offer = FIFTH_ACTOR[slug]
        page = place.get_latest_revision_as_object()
        actors = list(page.actors.all())
        changed = False
        for actor in actors:
            if actor.organisation_id is None and actor.name:
                actor.organisation = _organisation(actor.name, actor.offer)
                changed = True
        fifth = _organisation(name, offer)
        if not any(actor.organisation_id == fifth.pk for actor in actors):
            actors.append(
                place.actors.model(
                    organisation=fifth, offer=offer, description=FIFTH_ACTOR_TEXT[offer]
                )
            )
            changed = True
        if changed:
            page.actors = actors
            page.save_revision().publish()
            report(f"{slug}: {len(actors)} actors from the registry")


def _actor(place, offer):
    return place.actor_organisations().filter(meeting_place_actors__offer=offer).first()


def seed_counsellors(report):
    places = _places()
    for login, slug, offer in COUNSELLORS:
        place = places.get(slug)
        actor = _actor(place, offer) if place is not None else None
        if actor is None:
            continue
        user = ensure_user(login)
        ActorMembership.objects.get_or_create(user=user, actor=actor, meeting_place=place)
    report("counsellors ready")


def seed_cases(report):
    if Case.objects.filter(created_by__email=COUNSELLORS[0][0].email).count() >= CASES:
        return
    places = _places()
    memberships = list(
        ActorMembership.objects.filter(
            meeting_place__in=places.values(), actor__meeting_place_actors__offer="job"
        )
        .select_related("user", "actor", "meeting_place")
        .distinct()
    )
    if not memberships:
        return
    rng = random.Random(14)
    today = timezone.localdate()
    first_day = today - timedelta(days=int(MONTHS * 30.4))
    plan = list(PLAN)
    rng.shuffle(plan)
    created = 0
    with transaction.atomic():
        for n in range(CASES):
            phone = f"+46705514{n:03d}"
            if Case.objects.filter(person__phone=phone).exists():
                continue
            gender = rng.choice(["female", "male"])
            person = Person.objects.filter(phone=phone).first() or Person.objects.create(
                first_name=rng.choice(FIRST_NAMES[gender]),
                last_name=rng.choice(LAST_NAMES),
                phone=phone,
                gender=gender,
                birth_year=today.year - rng.randint(19, 58),
                date_of_settlement=today - timedelta(days=rng.randint(200, 8 * 365)),
                district=rng.choice(["Ekby", "Fröängen", "Ålunda centrum", "Västerby"]),
            )
            membership = memberships[n % len(memberships)]
            place = membership.meeting_place
            started = first_day + timedelta(days=rng.randint(0, (today - first_day).days - 60))
            source = rng.choices(
                [s for s, _l in Case.Source.choices], weights=[40, 30, 10, 10, 8, 2]
            )[0]
            case = Case.objects.create(
                person=person,
                counsellor=membership.user,
                actor=membership.actor,
                meeting_place=place,
                source=source,
                referred_by=_actor(place, "citizen_service") if source == "actor" else None,
                goals=rng.sample(["job", "studies", "swedish", "housing"], k=rng.randint(1, 3)),
                started_on=started,
                created_by=memberships[0].user,
            )
            day = started
            for _i in range(rng.randint(1, 6)):
                day += timedelta(days=rng.randint(5, 25))
                if day > today:
                    break
                Contact.objects.create(
                    case=case,
                    date=day,
                    kind=rng.choice([k for k, _l in Contact.Kind.choices]),
                    minutes=rng.choice([20, 30, 45, 60]),
                    note=rng.choice(NOTES),
                    author=membership.user,
                )
            _seed_referral(rng, case, place, today)
            kind = plan[n]
            if kind is not None:
                on = min(today, started + timedelta(days=rng.randint(30, 300)))
                is_job = Outcome.GROUP_OF[kind] in Outcome.JOB_GROUPS
                CaseOutcome.objects.create(
                    case=case,
                    kind=kind,
                    recorded_on=on,
                    job_start_date=on if is_job else None,
                    employer_name=rng.choice(EMPLOYERS) if is_job else "",
                    recorded_by=membership.user,
                )
                reason = {
                    Outcome.Group.JOB: Case.CloseReason.JOB,
                    Outcome.Group.SUBSIDISED: Case.CloseReason.JOB,
                    Outcome.Group.STUDIES: Case.CloseReason.STUDIES,
                }.get(Outcome.GROUP_OF[kind], Case.CloseReason.OTHER)
                case.close(reason, on)
            else:
                case.next_contact_on = today + timedelta(days=rng.randint(-5, 20))
                case.save(update_fields=["next_contact_on"])
            created += 1
    report(f"{created} coaching cases")


def _seed_referral(rng, case, place, today):
    if rng.random() > 0.25:
        return
    offer = rng.choice(["family", "library", "language", "open_preschool", "citizen_service"])
    to_actor = _actor(place, offer)
    if to_actor is None or to_actor == case.actor:
        return
    referral = Referral(
        person=case.person,
        case=case,
        from_actor=case.actor,
        to_actor=to_actor,
        meeting_place=place,
        reason=REASONS[offer],
        sent_by=case.counsellor,
        sent_at=timezone.make_aware(
            datetime.combine(case.started_on + timedelta(days=7), time(9, 0))
        ),
    )
    referral.full_clean()
    referral.save()
    answer = rng.random()
    if answer < 0.7:
        referral.status = Referral.Status.COMPLETED
        referral.answer = "Vi har träffats och gjort en plan tillsammans."
        referral.completed_on = min(today, case.started_on + timedelta(days=30))
    elif answer < 0.85:
        referral.status = Referral.Status.DECLINED
        referral.answer = "Personen fick hjälp på annat håll."
    if referral.status != Referral.Status.SENT:
        referral.answered_at = referral.sent_at + timedelta(days=2)
        referral.save()


SEEDERS = [seed_actors, seed_counsellors, seed_cases]
