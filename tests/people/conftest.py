"""A world in which the volunteer persona (Eva) and a newcomer (Zaynab) have every kind of
record the privacy contract must find: a Person with kompis and programme profiles, a
volunteer profile, consent history, memberships, a representative role, a kompis match with
meetings and follow-ups, an internship with follow-ups, contact log and outcomes, event
registrations and check-ins, a programme enrolment with absences, feedback and outbox
messages. Newcomers and participants are built through their Person, as in the people tests."""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from associations.models import Membership, Organisation, Representative, Volunteer
from events.models import (
    Absence,
    Attendance,
    Enrolment,
    EventIndexPage,
    FeedbackResponse,
    Participant,
    Programme,
)
from mentors.internships.models import ContactLogEntry, Internship, InternshipPlace, Outcome
from mentors.models import Match, Newcomer
from samverka.core.email import queue_rendered_email
from samverka.people.models import ConsentRecord, ConsentVersion, Person
from tests.events.conftest import make_event

ZAYNAB = {"first": "Zaynabqx", "last": "Quraishiqx", "email": "zaynab.qx@example.net"}
ZAYNAB_PHONE = "070-987 65 43"


@dataclass
class World:
    eva: Volunteer
    newcomer: Newcomer
    match: Match
    internship: Internship
    participant: Participant
    programme: Programme
    organisation: Organisation
    event: object


def _organisation(name, number, **fields):
    return Organisation.objects.create(
        name=name, organisation_number=number, status=Organisation.Status.APPROVED, **fields
    )


def published_consent(purpose):
    """The current text of a purpose (the migrations publish one), or a new one."""
    current = ConsentVersion.objects.current(purpose)
    if current is None:
        current = ConsentVersion.objects.create(purpose=purpose, text="Jag samtycker.")
        current.publish()
    return current


@pytest.fixture
def event_index(home_page):
    index = EventIndexPage(title="Evenemang", slug="evenemang")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def world(volunteer_user, coordinator, event_index):
    consent = published_consent(ConsentVersion.Purpose.VOLUNTEERING)
    association = _organisation("Röda Korset Ålunda", "802000-0003")
    employer = _organisation("Ålunda Bygg AB", "556000-0008", kind=Organisation.Kind.COMPANY)
    eva = Volunteer.objects.create(
        user=volunteer_user,
        first_name="Eva",
        last_name="Holm",
        email=volunteer_user.email,
        phone="070-555 44 33",
        district="Jakobsberg",
        gender=Volunteer.Gender.FEMALE,
        birth_year=1970,
        languages={"sv": 5},
        roles=[Volunteer.Role.BUDDY, Volunteer.Role.INTERNSHIP_MENTOR],
        status=Volunteer.Status.VETTED,
        capacity=2,
    )
    eva.record_consent(consent, ConsentRecord.Method.ONLINE)
    Membership.objects.create(volunteer=eva, organisation=association, notes="Pålitlig")
    Representative.objects.create(organisation=association, user=volunteer_user)

    newcomer = Newcomer.objects.register(
        first_name=ZAYNAB["first"],
        last_name=ZAYNAB["last"],
        email=ZAYNAB["email"],
        phone=ZAYNAB_PHONE,
        district="Jakobsberg",
        gender=Newcomer.Gender.FEMALE,
        birth_year=1990,
        date_of_settlement=datetime.date(2024, 3, 15),
        languages={"ar": 5, "sv": 2},
        notes=f"{ZAYNAB['first']} ringer helst på kvällen",
    )
    newcomer.person.record_consent(
        published_consent(ConsentVersion.Purpose.KOMPIS),
        ConsentRecord.Method.ORAL,
        recorded_by=coordinator,
    )
    match = Match.propose(newcomer, eva, by=coordinator)  # emails Eva, naming the newcomer
    match.answer_as_volunteer(True)
    match.answer_as_newcomer(True, recorded_by=coordinator)
    match.log_meeting(
        date=timezone.localdate(), minutes=90, activity=f"Fika med {ZAYNAB['first']}", by=None
    )
    match.follow_ups.update(notes=f"{ZAYNAB['first']} trivs")

    place = InternshipPlace.objects.create(
        employer=employer,
        title="Snickare, praktik",
        occupation="Snickare",
        sector="Bygg",
        district="Jakobsberg",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
        number_of_places=2,
        supervisor_name="Sven Handledare",
        supervisor_email="sven@bygg.example",
        review=InternshipPlace.Review.APPROVED,
    )
    internship = Internship.objects.place(
        newcomer=newcomer,
        place=place,
        start_date=datetime.date(2026, 2, 2),
        end_date=datetime.date(2026, 5, 1),
        coordinator=coordinator,
        plan=f"Plan för {ZAYNAB['first']} {ZAYNAB['last']}",
    )
    internship.assign_mentor(eva)
    internship.start()
    internship.finish(datetime.date(2026, 5, 1))
    internship.follow_ups.update(newcomer_view=f"{ZAYNAB['first']} vill fortsätta")
    ContactLogEntry.objects.create(
        internship=internship,
        party="newcomer",
        channel="phone",
        note=f"Ringde {ZAYNAB_PHONE}",
        author=coordinator,
    )
    Outcome.objects.create(
        internship=internship,
        checkpoint="end",
        kind=Outcome.Kind.NYSTARTSJOBB,
        recorded_on=datetime.date(2026, 5, 1),
        job_start_date=datetime.date(2026, 5, 4),
        employer_name="Ålunda Bygg AB",
        notes=f"{ZAYNAB['first']} anställd",
    )
    internship.refresh_job()

    event = make_event(event_index, title="Språkcafé Jakobsberg")
    occurrence = event.occurrences.get()
    registration, _created = occurrence.register(
        name="Eva Holm", email=volunteer_user.email, user=volunteer_user, access_needs="Rullstol"
    )
    Attendance.objects.create(
        occurrence=occurrence,
        registration=registration,
        user=volunteer_user,
        name="Eva Holm",
        method=Attendance.Method.SELF,
    )
    FeedbackResponse.objects.answer(registration=registration, satisfaction=5, comment="Trevligt")
    programme = Programme.objects.create(name="Jobbhörnet", event=event)
    participant = Participant.objects.for_person(
        Person.objects.create(
            first_name="Eva", last_name="Holm", email=volunteer_user.email, user=volunteer_user
        )
    )
    enrolment = Enrolment.objects.create(programme=programme, participant=participant)
    Absence.objects.create(enrolment=enrolment, occurrence=occurrence, note="Sjuk")
    # The newcomer is a participant too: the same Person, a second profile.
    z_participant = Participant.objects.for_person(newcomer.person)
    Enrolment.objects.create(programme=programme, participant=z_participant)
    queue_rendered_email(
        ZAYNAB["email"], "Välkommen", f"Hej {ZAYNAB['first']}, välkommen till {ZAYNAB_PHONE}!"
    )
    return World(eva, newcomer, match, internship, participant, programme, association, event)


@pytest.fixture
def coordinator_client(client, coordinator, home_page):
    from wagtail.users.models import UserProfile

    # The admin speaks the coordinator's chosen language; English, to match the msgids.
    profile = UserProfile.get_for_user(coordinator)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(coordinator)
    return client


def make_person(first_name="Amal", **fields):
    values = {"last_name": "Yousef", "phone": "070-111 22 33", "languages": {"ar": 5}}
    values.update(fields)
    return Person.objects.create(first_name=first_name, **values)


@pytest.fixture
def volunteering_v1(db):
    return ConsentVersion.objects.current(ConsentVersion.Purpose.VOLUNTEERING)
