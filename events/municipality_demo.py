"""Demo: Norrvik's residents in Ålunda's civic-orientation course (the shared course). The
course accepts Norrvik; six of Norrvik's residents are enrolled beside Ålunda's, attend most
sessions and answer the survey, so the per-municipality figures have something to show. Runs
after `events.demo.seed_events`; safe to run again."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from samverka.people import phones
from samverka.people.models import Municipality, Person

from .models import (
    Attendance,
    Enrolment,
    FeedbackResponse,
    Participant,
    Programme,
    SurveyReceipt,
)

SHARED_COURSE = "Samhällsorientering arabiska, grupp 3"
NEIGHBOUR = "Norrvik kommun"
RESIDENTS = [
    ("Mustafa", "Haddad", "Norrvik centrum"),
    ("Rania", "Saleh", "Strandby"),
    ("Khalid", "Omar", "Norrvik centrum"),
    ("Lina", "Mansour", "Strandby"),
    ("Yasmin", "Darwish", "Norrvik centrum"),
    ("Tarek", "Nasser", "Norrvik centrum"),
]


@transaction.atomic
def seed_shared_course(report):
    course = Programme.objects.filter(name=SHARED_COURSE).first()
    norrvik = Municipality.objects.filter(name=NEIGHBOUR).first()
    if course is None or norrvik is None:
        report("no shared course: the course or Norrvik is missing")
        return
    rng = random.Random(12)  # noqa: S311 - demo data
    course.accepted_municipalities.add(norrvik)
    start = timezone.localtime(course.event.starts_at).date()
    sessions = list(course.sessions(timezone.now()))
    added = 0
    answering = []
    for n, (first_name, last_name, district) in enumerate(RESIDENTS):
        person, _created = Person.objects.get_or_create(
            phone=phones.normalise(f"073-900 10 {n:02d}"),
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "district": district,
                "home_municipality": norrvik,
                "preferred_language": "ar",
            },
        )
        participant = Participant.objects.for_person(person)
        enrolment, created = Enrolment.objects.get_or_create(
            programme=course, participant=participant, defaults={"enrolled_on": start}
        )
        if not created:
            continue
        added += 1
        Attendance.objects.bulk_create(
            [
                Attendance(
                    occurrence=session,
                    participant=participant,
                    name=participant.name,
                    method=Attendance.Method.STAFF,
                    checked_in_at=session.start + timedelta(minutes=rng.randint(0, 10)),
                )
                for session in sessions
                if rng.random() < 0.85
            ],
            ignore_conflicts=True,
        )
        answering.append((n, enrolment))
    # The survey goes out once everyone is enrolled, so the home municipality (shared by all
    # six) is among each answer's coarse groups.
    for n, enrolment in answering:
        if not SurveyReceipt.objects.filter(enrolment=enrolment).exists():
            # Anonymous: the answer keeps the coarse groups, the receipt that they answered.
            FeedbackResponse.objects.answer(
                enrolment=enrolment, satisfaction=5 if n % 3 else 4, job_knowledge=4
            )
    if added:
        course.evaluate()
    report(
        f"shared course “{SHARED_COURSE}”: organised by {course.organising_municipality}, "
        f"accepts {NEIGHBOUR}; {course.enrolments.filter(participant__person__home_municipality=norrvik).count()} "
        f"of its participants live in {NEIGHBOUR}"
    )
