"""Surveys that keep their promise: answers are stored apart from who gave them.

The registration or enrolment keeps only a receipt ("has answered"); the answer keeps the
event, programme, kind of event, week and coarse groups. No survey answer can be joined
back to a person: not by a relation, not by a time, not by the order of keys, and two
people of one group who swap answers leave the database exactly as it was."""

import uuid
from datetime import date, timedelta

import pytest
from django.apps import apps
from django.db import connection, models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from events import codes
from events.models import Enrolment, EventPage, FeedbackResponse, Programme, SurveyReceipt
from events.notifications import survey_url
from events.surveys import MIN_GROUP, AlreadyAnswered, week_of
from samverka.people.models import Municipality

from .conftest import en, make_event, make_participant

pytestmark = pytest.mark.django_db


def enrol(programme, name, gender="female", **fields):
    participant = make_participant(name=name, gender=gender, **fields)
    return Enrolment.objects.create(programme=programme, participant=participant)


@pytest.fixture
def course(event_index, coordinator):
    event = make_event(
        event_index,
        title="Samhällsorientering",
        category=EventPage.Category.CIVIC_ORIENTATION,
        starts_at=timezone.now() - timedelta(days=30),
        recurrence_rule="FREQ=WEEKLY;COUNT=10",
    )
    return Programme.objects.create(
        name="SO Trelleborg",
        kind=Programme.Kind.CIVIC_ORIENTATION,
        event=event,
        coordinator=coordinator,
        hours_goal=200,
    )


@pytest.fixture
def women(course):
    return [enrol(course, f"Kvinna {n}") for n in range(6)]


# --- What is stored -------------------------------------------------------------------------


def test_answer_through_the_link_is_stored_apart_from_the_enrolment(client, course, women):
    enrolment = women[0]
    url = en("events:feedback", codes.feedback_token("e", enrolment.pk))
    response = client.post(url, {"satisfaction": "5", "job_knowledge": "4", "comment": "Bra"})
    assert response.status_code == 200
    (answer,) = FeedbackResponse.objects.all()
    assert isinstance(answer.pk, uuid.UUID)
    assert (answer.event, answer.programme, answer.kind) == (
        course.event,
        course,
        EventPage.Category.CIVIC_ORIENTATION,
    )
    assert answer.week == week_of(timezone.localdate()) and answer.week.weekday() == 0
    # Six women take part, all from the same (default) home municipality.
    home = str(enrolment.participant.person.home_municipality_id)
    assert answer.groups == {"gender": "female", "municipality": home}
    assert (answer.satisfaction, answer.job_knowledge, answer.comment) == (5, 4, "Bra")
    receipt = SurveyReceipt.objects.get()
    assert (receipt.enrolment, receipt.registration) == (enrolment, None)


def test_a_second_answer_is_refused_and_stores_nothing(client, course, women):
    url = en("events:feedback", codes.feedback_token("e", women[0].pk))
    client.post(url, {"satisfaction": "5"})
    with translation.override("en"):
        again = client.post(url, {"satisfaction": "1"})
        assert gettext("We already have your answers. Thank you!") in again.content.decode()
    assert FeedbackResponse.objects.get().satisfaction == 5
    # The same through the model (a double submit racing the first): nothing half-saved.
    with pytest.raises(AlreadyAnswered):
        FeedbackResponse.objects.answer(enrolment=women[0], satisfaction=1)
    assert (FeedbackResponse.objects.count(), SurveyReceipt.objects.count()) == (1, 1)


def test_a_class_answers_from_one_school_connection(client, course):
    """Every post comes from one address (the school's). Each participant's own link is
    counted on its own, so fourteen answer though the public-form limit is ten; the date's
    open link, shown in the room, takes as many answers as the date has places, then stops."""
    from samverka.core.public_forms import DEFAULT_LIMITS

    limit = DEFAULT_LIMITS["feedback"][0]
    participants = [enrol(course, f"Deltagare {n}") for n in range(limit + 4)]
    for enrolment in participants:
        url = en("events:feedback", codes.feedback_token("e", enrolment.pk))
        assert client.post(url, {"satisfaction": "4"}).status_code == 200
    assert FeedbackResponse.objects.count() == limit + 4

    date = course.event.occurrences.order_by("start").first()
    date.capacity = limit + 15
    date.save()
    url = en("events:feedback", codes.feedback_token("o", date.pk))
    for _ in range(limit + 15):
        assert client.post(url, {"satisfaction": "5"}).status_code == 200
    assert FeedbackResponse.objects.filter(satisfaction=5).count() == limit + 15
    refused = client.post(url, {"satisfaction": "5"})
    assert refused.status_code == 429
    assert FeedbackResponse.objects.filter(satisfaction=5).count() == limit + 15


def test_registration_answer_carries_the_week_of_the_date(occurrence):
    registration, _created = occurrence.register(name="Amal", email="amal@example.com")
    answer = FeedbackResponse.objects.answer(registration=registration, satisfaction=4)
    assert answer.week == week_of(timezone.localdate(occurrence.start))
    assert answer.programme is None and answer.groups == {}
    assert registration.survey_receipt
    with pytest.raises(AlreadyAnswered):
        FeedbackResponse.objects.answer(registration=registration, satisfaction=1)


def test_groups_are_stored_only_when_five_share_them(course, women):
    men = [enrol(course, f"Man {n}", gender="male") for n in range(MIN_GROUP - 1)]
    other = enrol(course, "Kim Other", gender="other")
    elsewhere = Municipality.objects.create(name="Norrvik kommun")
    visitor = enrol(course, "Kvinna Norrvik", home_municipality=elsewhere)
    home = str(women[0].participant.person.home_municipality_id)
    assert home != str(elsewhere.pk)
    woman = FeedbackResponse.objects.answer(enrolment=women[0], satisfaction=5)
    man = FeedbackResponse.objects.answer(enrolment=men[0], satisfaction=5)
    rare = FeedbackResponse.objects.answer(enrolment=other, satisfaction=5)
    lone = FeedbackResponse.objects.answer(enrolment=visitor, satisfaction=5)
    assert woman.groups == {"gender": "female", "municipality": home}
    assert man.groups == {"municipality": home}  # four men: too few to name the gender
    assert rare.groups == {"municipality": home}  # "other" is never stored
    assert lone.groups == {"gender": "female"}  # the only one from Norrvik: not named


def test_survey_link_opens_in_the_participants_language(course):
    enrolment = enrol(course, "Hodan Ali", preferred_language="so")
    url = survey_url(enrolment)
    assert "/so/" in url and url.endswith(codes.feedback_token("e", enrolment.pk) + "/")


def test_survey_page_says_what_is_kept(client, course, women):
    url = en("events:feedback", codes.feedback_token("e", women[0].pk))
    with translation.override("en"):
        text = gettext(
            "Three short questions. Your answers are anonymous: they are kept apart from your "
            "name. We only note that you have answered, so that we do not ask you again."
        )
        assert text in client.get(url).content.decode()


# --- No way back to a person ------------------------------------------------------------------

# Every field an answer may have. A new one (a time, a language, a link) must be argued for here.
ANSWER_FIELDS = {
    "id",
    "event",
    "programme",
    "kind",
    "week",
    "groups",
    "satisfaction",
    "job_knowledge",
    "comment",
}
# The only ways from an answer to an account: staff who edit pages, run a programme or
# approve organisations. None is the person who answered.
STAFF_EDGES = {
    ("events.EventPage", "owner"),
    ("events.EventPage", "locked_by"),
    ("wagtailcore.Page", "owner"),
    ("wagtailcore.Page", "locked_by"),
    ("wagtailcore.Revision", "user"),
    ("wagtailimages.Image", "uploaded_by_user"),
    ("associations.Organisation", "decided_by"),
    ("orientation.MeetingPlacePage", "owner"),
    ("orientation.MeetingPlacePage", "locked_by"),
    ("events.Programme", "coordinator"),
}


def _forward_relations(model):
    return [
        f
        for f in model._meta.get_fields()
        if f.is_relation and f.concrete and f.related_model is not None
    ]


def _respondent_models():
    """Models that say who took part: these and every model pointing at one of them."""
    found = {
        apps.get_model(label)
        for label in (
            "people.Person",
            "events.Participant",
            "events.Enrolment",
            "events.Registration",
            "events.Attendance",
            "events.Absence",
            "events.SurveyReceipt",
        )
    }
    changed = True
    while changed:
        changed = False
        for model in apps.get_models():
            if model not in found and any(
                f.related_model in found for f in _forward_relations(model)
            ):
                found.add(model)
                changed = True
    return found


def test_no_path_leads_from_an_answer_to_a_person():
    assert {f.name for f in FeedbackResponse._meta.concrete_fields} == ANSWER_FIELDS
    assert isinstance(FeedbackResponse._meta.pk, models.UUIDField)
    assert not [
        f for f in FeedbackResponse._meta.concrete_fields if isinstance(f, models.DateTimeField)
    ]
    # Follow every relation from the answer, and from what it reaches, to the end.
    reached, queue, user_edges = {FeedbackResponse}, [FeedbackResponse], set()
    while queue:
        model = queue.pop()
        for relation in _forward_relations(model):
            target = relation.related_model
            if target._meta.label == "auth.User":
                user_edges.add((model._meta.label, relation.name))
            if target not in reached:
                reached.add(target)
                queue.append(target)
    respondents = _respondent_models()
    assert not reached & respondents, reached & respondents
    assert user_edges <= STAFF_EDGES, user_edges - STAFF_EDGES
    # And nothing points at an answer: no table can hold "who gave answer X".
    assert not [
        f
        for model in apps.get_models()
        for f in _forward_relations(model)
        if f.related_model is FeedbackResponse
    ]
    # The receipt has no field but its key and whom it is for.
    assert {f.name for f in SurveyReceipt._meta.concrete_fields} == {
        "id",
        "registration",
        "enrolment",
    }


def _database():
    """Every table's rows, without their own keys (sequences differ between runs)."""
    content = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from the schema
            columns = [c[0] for c in cursor.description]
            rows = [
                tuple(str(v) for c, v in zip(columns, row, strict=True) if c != "id")
                for row in cursor.fetchall()
            ]
            content[table] = sorted(rows)
    return content


def _after(answers):
    """The database after `answers` ((enrolment, satisfaction, comment)…), rolled back."""
    with transaction.atomic():
        for enrolment, satisfaction, comment in answers:
            FeedbackResponse.objects.answer(
                enrolment=enrolment, satisfaction=satisfaction, job_knowledge=3, comment=comment
            )
        content = _database()
        transaction.set_rollback(True)
    return content


def test_two_people_who_swap_answers_leave_the_same_database(course, women):
    alice, beth = women[0], women[1]
    first = _after([(alice, 5, "Bra"), (beth, 1, "Tråkigt")])
    swapped = _after([(alice, 1, "Tråkigt"), (beth, 5, "Bra")])
    assert first == swapped
    # The comparison sees answers: different answers give a different database.
    other = _after([(alice, 5, "Bra"), (beth, 5, "Bra")])
    assert other != first


def test_nothing_in_an_answer_row_repeats_a_key_of_who_answered(course, women):
    for n, enrolment in enumerate(women):
        FeedbackResponse.objects.answer(enrolment=enrolment, satisfaction=1 + n % 5)
    keys = set()
    for enrolment in women:
        participant = enrolment.participant
        keys |= {enrolment.pk, participant.pk, participant.person_id, str(participant.person)}
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT * FROM "{FeedbackResponse._meta.db_table}"')  # noqa: S608
        columns = [c[0] for c in cursor.description]
        for row in cursor.fetchall():
            values = dict(zip(columns, row, strict=True))
            for column in ("satisfaction", "job_knowledge", "event_id", "programme_id"):
                values.pop(column)  # small numbers and shared rows, checked above
            assert not set(map(str, values.values())) & set(map(str, keys))
            assert date.fromisoformat(str(values["week"])).weekday() == 0


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's rowid shows write order")
def test_shuffling_hides_the_order_answers_were_written_in(course, women):
    from events.surveys import shuffle_answers

    session = course.event.occurrences.first()
    answers = [FeedbackResponse.objects.answer(enrolment=e, satisfaction=3) for e in women]
    answers += [
        FeedbackResponse.objects.answer(occurrence=session, satisfaction=4) for _n in range(24)
    ]
    written = [a.pk.hex for a in answers]  # the order the receipts' keys follow too
    table = FeedbackResponse._meta.db_table

    def by_rowid():
        with connection.cursor() as cursor:
            cursor.execute(f'SELECT id FROM "{table}" ORDER BY rowid')  # noqa: S608
            return [uuid.UUID(str(row[0])).hex for row in cursor.fetchall()]

    assert by_rowid() == written  # what a reader of the table could line up with receipts
    values = sorted((a.satisfaction, a.pk.hex) for a in answers)
    assert shuffle_answers() == 30
    assert by_rowid() != written  # 30 rows: the same order by chance is 1 in 30!
    assert sorted((a.satisfaction, a.pk.hex) for a in FeedbackResponse.objects.all()) == values
    assert shuffle_answers() == 0  # nothing new since
