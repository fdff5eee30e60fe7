"""Internship outcomes made with the schema before the one outcome model become outcomes of
the person, with their ids, figures and (where the name matches) their employer kept; and
the migration runs backwards too."""

from datetime import date

from tests.upgrade import leaves, migrate

BEFORE = [
    ("internships", "0003_report_indexes"),
    ("coaching", None),
    ("people", "0004_person_anonymised_at"),
    # already applied; named so that the historical Newcomer has its person
    ("mentors", "0006_remember_declines_and_next_option"),
]


def test_internship_outcomes_become_outcomes_of_the_person(old_database):
    old = migrate(BEFORE)
    Person = old.get_model("people", "Person")
    Newcomer = old.get_model("mentors", "Newcomer")
    Organisation = old.get_model("associations", "Organisation")
    Place = old.get_model("internships", "InternshipPlace")
    Internship = old.get_model("internships", "Internship")
    Outcome = old.get_model("internships", "Outcome")

    employer = Organisation.objects.create(
        name="Ålunda Bygg AB", slug="alunda-bygg", kind="company"
    )
    person = Person.objects.create(first_name="Amal", last_name="Yousef")
    newcomer = Newcomer.objects.create(person=person)
    place = Place.objects.create(
        employer=employer,
        title="Snickare",
        occupation="Snickare",
        sector="Bygg",
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 6, 30),
        supervisor_name="Per",
    )
    internship = Internship.objects.create(
        newcomer=newcomer, place=place, start_date=date(2026, 1, 5), end_date=date(2026, 3, 31)
    )
    job = Outcome.objects.create(
        internship=internship,
        checkpoint="end",
        kind="job",
        group="job",
        recorded_on=date(2026, 3, 31),
        job_start_date=date(2026, 4, 10),
        employer_name="ålunda bygg ab",
        notes="Fast anställning",
    )
    later = Outcome.objects.create(
        internship=internship,
        checkpoint="day_90",
        kind="lonebidrag",
        group="subsidised",
        recorded_on=date(2026, 6, 29),
        job_start_date=date(2026, 6, 1),
        employer_name="Okänd",
    )

    new = migrate(leaves())
    NewOutcome = new.get_model("internships", "Outcome")
    PersonOutcome = new.get_model("people", "Outcome")
    rows = {o.pk: o for o in NewOutcome.objects.all()}
    assert set(rows) == {job.pk, later.pk}
    first = PersonOutcome.objects.get(pk=job.pk)
    assert (first.person_id, first.kind, first.group) == (person.pk, "job", "job")
    assert first.job_start_date == date(2026, 4, 10) and first.notes == "Fast anställning"
    assert first.employer_id == employer.pk  # the name matched the registry
    assert PersonOutcome.objects.get(pk=later.pk).employer_id is None
    assert rows[later.pk].checkpoint == "day_90" and rows[later.pk].internship_id == internship.pk
    # a new outcome gets a fresh id after the copied ones
    fresh = PersonOutcome.objects.create(person_id=person.pk, kind="sfi", group="studies")
    assert fresh.pk > max(job.pk, later.pk)
    fresh.delete()

    # and back again: internships 0004 reversed puts the outcomes where they were (only
    # what follows it is taken back, not the rest of the releases since BEFORE)
    back = migrate([("internships", "0003_report_indexes")])
    Legacy = back.get_model("internships", "Outcome")
    restored = Legacy.objects.get(pk=job.pk)
    assert (restored.kind, restored.employer_name, restored.checkpoint) == (
        "job",
        "ålunda bygg ab",
        "end",
    )
    assert Legacy.objects.count() == 2
