"""The move to one Person per resident, run on data made with the schema as it was before.

A database of the test's own is migrated to the last migrations before samverka.people
(tests/upgrade.py), rows are created through the historical models, and the migrations are
run forward."""

from django.utils import timezone

from tests.upgrade import leaves, migrate

BEFORE = [
    ("associations", "0005_volunteer_anonymised_at"),
    ("mentors", "0002_coordinator_permissions"),
    ("events", "0003_participant_newcomer"),
    ("internships", "0003_report_indexes"),
    ("people", None),
]


def test_newcomers_and_participants_become_people_keeping_matches_and_enrolments(old_database):
    old = migrate(BEFORE)
    User = old.get_model("auth", "User")
    ConsentText = old.get_model("associations", "ConsentText")
    Volunteer = old.get_model("associations", "Volunteer")
    Newcomer = old.get_model("mentors", "Newcomer")
    Match = old.get_model("mentors", "Match")
    Participant = old.get_model("events", "Participant")
    Programme = old.get_model("events", "Programme")
    Enrolment = old.get_model("events", "Enrolment")
    EventPage = old.get_model("events", "EventPage")
    Page = old.get_model("wagtailcore", "Page")
    ContentType = old.get_model("contenttypes", "ContentType")

    now = timezone.now()
    text, _created = ConsentText.objects.get_or_create(
        kind="volunteer", version=1, defaults={"text": "Samtycke v1", "published_at": now}
    )
    eva = Volunteer.objects.create(
        first_name="Eva",
        last_name="Holm",
        phone="070-123 45 67",
        interests=["fotboll", "schack", "okänt"],
        consent_version=text,
        consent_given_at=now,
        consent_method="paper",
    )
    account = User.objects.create(username="amal@example.org", email="amal@example.org")
    amal = Newcomer.objects.create(
        first_name="Amal",
        last_name="Yousef",
        phone="070-111 22 33",
        user=account,
        languages={"ar": 5},
        district="Västerby",
        consent_given_at=now,
        consent_method="oral",
    )
    reza = Newcomer.objects.create(first_name="Reza", last_name="Karimi", phone="0702223344")
    hodan = Newcomer.objects.create(first_name="Hodan", phone="+46 70 333 44 55")
    Newcomer.objects.create(first_name="Selam", phone="")  # no participant

    # Linked by the hidden foreign key; the same account; the same phone written differently;
    # and someone who is only a participant.
    linked = Participant.objects.create(name="Reza Karimi", phone="", newcomer=reza)
    same_account = Participant.objects.create(name="Amal Y", user=account)
    same_phone = Participant.objects.create(name="Hodan Ali", phone="0703334455", email="h@x.se")
    only = Participant.objects.create(name="Omar Osman", phone="070-999 88 77")

    for newcomer in (amal, reza):
        Match.objects.create(newcomer=newcomer, volunteer=eva, status="ended", approved_at=now)
    Match.objects.create(newcomer=hodan, volunteer=eva, status="active", approved_at=now)
    page_type, _created = ContentType.objects.get_or_create(app_label="events", model="eventpage")
    root = Page.objects.filter(depth=1).first()
    if root is None:  # the rows migrations made are not restored under --reuse-db
        locale, _created = old.get_model("wagtailcore", "Locale").objects.get_or_create(
            language_code="sv"
        )
        root = Page.objects.create(
            title="Root",
            slug="root",
            path="0001",
            depth=1,
            content_type=page_type,
            locale_id=locale.pk,
        )
    event = EventPage.objects.create(
        title="Jobbhörnet",
        slug="jobbhornet-migration",
        content_type=page_type,
        path=f"{root.path}9999",
        depth=2,
        locale_id=root.locale_id,
        starts_at=now,
    )
    programme = Programme.objects.create(name="Jobbhörnet", event=event)
    for participant in (linked, same_account, same_phone, only):
        Enrolment.objects.create(programme=programme, participant=participant)

    new = migrate(leaves())
    Person = new.get_model("people", "Person")
    NewNewcomer = new.get_model("mentors", "Newcomer")
    NewParticipant = new.get_model("events", "Participant")
    ConsentRecord = new.get_model("people", "ConsentRecord")
    NewVolunteer = new.get_model("associations", "Volunteer")

    # 4 newcomers + 1 participant who is nobody else; the other three are merged.
    assert Person.objects.count() == 5
    assert new.get_model("mentors", "Match").objects.count() == 3
    assert new.get_model("events", "Enrolment").objects.count() == 4
    assert NewParticipant.objects.get(pk=linked.pk).person_id == (
        NewNewcomer.objects.get(pk=reza.pk).person_id
    )
    assert NewParticipant.objects.get(pk=same_account.pk).person_id == (
        NewNewcomer.objects.get(pk=amal.pk).person_id
    )
    merged = Person.objects.get(pk=NewNewcomer.objects.get(pk=hodan.pk).person_id)
    assert NewParticipant.objects.get(pk=same_phone.pk).person_id == merged.pk
    assert merged.email == "h@x.se"  # what only the participant record had is kept
    omar = Person.objects.get(pk=NewParticipant.objects.get(pk=only.pk).person_id)
    assert (omar.first_name, omar.last_name, str(omar.phone)) == ("Omar", "Osman", "+46709998877")

    person = Person.objects.get(pk=NewNewcomer.objects.get(pk=amal.pk).person_id)
    assert str(person.phone) == "+46701112233"
    assert person.user_id == account.pk
    assert person.languages == {"ar": 5}
    assert person.district == "Västerby"

    volunteer = NewVolunteer.objects.get(pk=eva.pk)
    assert str(volunteer.phone) == "+46701234567"
    assert volunteer.interests == ["chess", "football"]  # free text became codes
    records = ConsentRecord.objects.order_by("pk")
    assert [(r.version.purpose, r.version.version, r.method) for r in records] == [
        ("volunteering", 1, "paper"),
        ("kompis", 1, "oral"),
    ]
