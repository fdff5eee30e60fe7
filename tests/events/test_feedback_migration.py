"""The move of existing survey answers to anonymous ones (events 0007): each answer keeps
its figures, event, programme and week, the registration or enrolment keeps a receipt,
and the link between the two is gone."""

import datetime

from django.utils import timezone

from tests.upgrade import migrate

BEFORE = [("events", "0006_participant_profile_only"), ("people", "0009_outcome")]
AFTER = [("events", "0007_anonymous_feedback")]


def test_answers_move_across_without_their_link(old_database):
    old = migrate(BEFORE)
    Page = old.get_model("wagtailcore", "Page")
    Locale = old.get_model("wagtailcore", "Locale")
    ContentType = old.get_model("contenttypes", "ContentType")
    EventPage = old.get_model("events", "EventPage")
    EventOccurrence = old.get_model("events", "EventOccurrence")
    Registration = old.get_model("events", "Registration")
    Programme = old.get_model("events", "Programme")
    Participant = old.get_model("events", "Participant")
    Enrolment = old.get_model("events", "Enrolment")
    Person = old.get_model("people", "Person")
    Municipality = old.get_model("people", "Municipality")
    Feedback = old.get_model("events", "FeedbackResponse")
    home = Municipality.objects.order_by("pk").first() or Municipality.objects.create(
        name="Ålunda kommun"
    )

    root = Page.objects.get(depth=1)
    content_type, _created = ContentType.objects.get_or_create(
        app_label="events", model="eventpage"
    )
    start = timezone.make_aware(datetime.datetime(2026, 3, 12, 9))  # a Thursday
    event = EventPage.objects.create(
        title="SO",
        slug="so",
        path=f"{root.path}0099",
        depth=2,
        content_type=content_type,
        locale=Locale.objects.get(language_code="sv"),
        category="civic_orientation",
        starts_at=start,
    )
    occurrence = EventOccurrence.objects.create(
        event=event, original_start=start, start=start, end=start + datetime.timedelta(hours=3)
    )
    registration = Registration.objects.create(
        occurrence=occurrence, name="Amal", status="confirmed"
    )
    programme = Programme.objects.create(name="SO grupp", event=event)
    enrolments = []
    for n in range(5):
        person = Person.objects.create(
            first_name=f"Kvinna{n}", gender="female", home_municipality=home
        )
        participant = Participant.objects.create(person=person)
        enrolments.append(Enrolment.objects.create(programme=programme, participant=participant))
    Feedback.objects.create(
        event=event,
        occurrence=occurrence,
        registration=registration,
        satisfaction=4,
        comment="Bra",
        language="ar",
    )
    answered_at = timezone.make_aware(datetime.datetime(2026, 4, 2, 15, 37))
    Feedback.objects.create(
        event=event,
        enrolment=enrolments[0],
        satisfaction=5,
        job_knowledge=5,
        created_at=answered_at,
    )

    new = migrate(AFTER)
    Answer = new.get_model("events", "FeedbackResponse")
    Receipt = new.get_model("events", "SurveyReceipt")
    assert {f.name for f in Answer._meta.concrete_fields} >= {"week", "groups", "kind"}
    assert not {"registration", "enrolment", "occurrence", "created_at", "language"} & {
        f.name for f in Answer._meta.concrete_fields
    }
    by_satisfaction = {a.satisfaction: a for a in Answer.objects.all()}
    visit, course = by_satisfaction[4], by_satisfaction[5]
    assert (visit.event_id, visit.programme_id, visit.kind) == (event.pk, None, "civic_orientation")
    assert visit.week == datetime.date(2026, 3, 9) and visit.comment == "Bra"
    assert (course.programme_id, course.job_knowledge) == (programme.pk, 5)
    assert course.week == datetime.date(2026, 3, 30)  # the Monday, not the time of day
    assert course.groups == {"gender": "female"}  # five women in the course
    receipts = {(r.registration_id, r.enrolment_id) for r in Receipt.objects.all()}
    assert receipts == {(registration.pk, None), (None, enrolments[0].pk)}

    # And back: the answers return without their links (those are gone for good).
    back = migrate(BEFORE)
    rows = back.get_model("events", "FeedbackResponse").objects.order_by("satisfaction")
    assert [(r.satisfaction, r.registration_id, r.enrolment_id) for r in rows] == [
        (4, None, None),
        (5, None, None),
    ]
