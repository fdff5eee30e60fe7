"""The previous release's data moves into the installation's municipality without loss:
people, programmes, organisations' service areas, internship places and meeting places."""

from django.utils import timezone

from tests.upgrade import leaves, migrate

BEFORE = [
    ("people", "0004_person_anonymised_at"),
    ("events", "0006_participant_profile_only"),
    ("associations", "0009_delete_consenttext"),
    ("internships", "0003_report_indexes"),
    ("orientation", "0001_initial"),
    ("mentors", "0006_remember_declines_and_next_option"),
]


def test_the_previous_release_moves_into_its_municipality(old_database):
    from datetime import date

    old = migrate(BEFORE)
    Person = old.get_model("people", "Person")
    Organisation = old.get_model("associations", "Organisation")
    Place = old.get_model("internships", "InternshipPlace")
    Programme = old.get_model("events", "Programme")
    EventPage = old.get_model("events", "EventPage")
    Page = old.get_model("wagtailcore", "Page")
    ContentType = old.get_model("contenttypes", "ContentType")

    people = [Person.objects.create(first_name=name) for name in ("Amal", "Reza", "Hodan")]
    organisation = Organisation.objects.create(name="Bygg AB", organisation_number="556677-8899")
    place = Place.objects.create(
        employer=organisation,
        title="Snickare",
        occupation="Snickare",
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 12, 31),
    )
    root = Page.objects.filter(depth=1).first()
    page_type, _created = ContentType.objects.get_or_create(app_label="events", model="eventpage")
    event = EventPage.objects.create(
        title="SO",
        slug="so-migration",
        content_type=page_type,
        path=f"{root.path}9998",
        depth=2,
        locale_id=root.locale_id,
        starts_at=timezone.now(),
    )
    programme = Programme.objects.create(name="Samhällsorientering", event=event)

    new = migrate(leaves())
    Municipality = new.get_model("people", "Municipality")
    municipality = Municipality.objects.get(is_default=True)
    assert municipality.name == "Ålunda kommun"
    assert municipality.code == ""
    assert [d.name for d in new.get_model("people", "District").objects.order_by("sort_order")] == [
        "Ålunda centrum",
        "Västerby",
        "Norrängen",
        "Söderdal",
    ]
    NewPerson = new.get_model("people", "Person")
    assert {
        p.home_municipality_id for p in NewPerson.objects.filter(pk__in=[p.pk for p in people])
    } == {municipality.pk}
    assert (
        new.get_model("events", "Programme").objects.get(pk=programme.pk).organising_municipality_id
        == municipality.pk
    )
    assert (
        new.get_model("internships", "InternshipPlace").objects.get(pk=place.pk).municipality_id
        == municipality.pk
    )
    served = new.get_model("associations", "Organisation").objects.get(pk=organisation.pk)
    assert list(served.service_area.values_list("pk", flat=True)) == [municipality.pk]
    assert new.get_model("auth", "Group").objects.filter(name="Regional coordinator").exists()
