"""Survey answers stored apart from who gave them (see events/surveys.py).

Each old answer becomes an anonymous one: the event, the programme, the kind of event, the
Monday of the week answered about and, for a course answer, the respondent's gender when at
least five of the course's participants share it; no registration, enrolment, date, time or
language. The registration or enrolment keeps a receipt ("has answered") so that nobody is
asked twice. The new rows get random keys and are written in random order.

Migrating back puts the answers back without their links (those are gone for good).
"""

import datetime
import secrets
import uuid
from collections import Counter

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models
from django.utils import timezone

import events.surveys

MIN_GROUP = 5


def _monday(day):
    return day - datetime.timedelta(days=day.weekday())


def move_answers(apps, schema_editor):
    Old = apps.get_model("events", "FeedbackResponse")
    New = apps.get_model("events", "SurveyAnswer")
    Receipt = apps.get_model("events", "SurveyReceipt")
    Enrolment = apps.get_model("events", "Enrolment")

    genders: dict[int, Counter] = {}

    def gender_in(programme_id, gender):
        if programme_id not in genders:
            genders[programme_id] = Counter(
                Enrolment.objects.filter(programme_id=programme_id).values_list(
                    "participant__person__gender", flat=True
                )
            )
        return genders[programme_id][gender]

    answers, receipts, answered = [], [], set()
    old_rows = Old.objects.select_related(
        "event",
        "occurrence",
        "registration__occurrence",
        "enrolment__participant__person",
    ).order_by("pk")
    for old in old_rows.iterator(chunk_size=500):
        if old.registration_id and ("r", old.registration_id) not in answered:
            answered.add(("r", old.registration_id))
            receipts.append(Receipt(registration_id=old.registration_id))
        if old.enrolment_id and ("e", old.enrolment_id) not in answered:
            answered.add(("e", old.enrolment_id))
            receipts.append(Receipt(enrolment_id=old.enrolment_id))
        programme_id = old.programme_id or (
            old.enrolment.programme_id if old.enrolment_id else None
        )
        if old.occurrence_id:
            day = timezone.localdate(old.occurrence.start)
        elif old.registration_id:
            day = timezone.localdate(old.registration.occurrence.start)
        else:
            day = timezone.localdate(old.created_at)
        groups = {}
        if old.enrolment_id:
            gender = old.enrolment.participant.person.gender
            if gender in ("female", "male") and gender_in(old.enrolment.programme_id, gender) >= (
                MIN_GROUP
            ):
                groups["gender"] = gender
        answers.append(
            New(
                id=uuid.uuid4(),
                event_id=old.event_id,
                programme_id=programme_id,
                kind=old.event.category,
                week=_monday(day),
                groups=groups,
                satisfaction=old.satisfaction,
                job_knowledge=old.job_knowledge,
                comment=old.comment,
            )
        )
    # The order rows are written in says nothing about the order answers were given in.
    secrets.SystemRandom().shuffle(answers)
    New.objects.bulk_create(answers, batch_size=500)
    Receipt.objects.bulk_create(receipts, batch_size=500)


def move_answers_back(apps, schema_editor):
    Old = apps.get_model("events", "FeedbackResponse")
    New = apps.get_model("events", "SurveyAnswer")
    Old.objects.bulk_create(
        (
            Old(
                event_id=answer.event_id,
                programme_id=answer.programme_id,
                satisfaction=answer.satisfaction,
                job_knowledge=answer.job_knowledge,
                comment=answer.comment,
                created_at=datetime.datetime.combine(
                    answer.week, datetime.time(12), tzinfo=datetime.UTC
                ),
            )
            for answer in New.objects.filter(event__isnull=False).iterator()
        ),
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0006_participant_profile_only"),
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SurveyReceipt",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "enrolment",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="survey_receipt",
                        to="events.enrolment",
                        verbose_name="enrolment",
                    ),
                ),
                (
                    "registration",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="survey_receipt",
                        to="events.registration",
                        verbose_name="registration",
                    ),
                ),
            ],
            options={
                "verbose_name": "survey answered",
                "verbose_name_plural": "surveys answered",
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("enrolment__isnull", True), ("registration__isnull", False)),
                            models.Q(("enrolment__isnull", False), ("registration__isnull", True)),
                            _connector="OR",
                        ),
                        name="events_receipt_for_one_thing",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="SurveyAnswer",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=events.surveys._kinds,
                        db_index=True,
                        max_length=30,
                        verbose_name="kind of event",
                    ),
                ),
                (
                    "week",
                    models.DateField(
                        help_text="The Monday of the week answered about.", verbose_name="week"
                    ),
                ),
                ("groups", models.JSONField(blank=True, default=dict, verbose_name="groups")),
                (
                    "satisfaction",
                    models.PositiveSmallIntegerField(
                        choices=[
                            (1, "Very dissatisfied"),
                            (2, "Dissatisfied"),
                            (3, "Neither"),
                            (4, "Satisfied"),
                            (5, "Very satisfied"),
                        ],
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(5),
                        ],
                        verbose_name="How satisfied are you?",
                    ),
                ),
                (
                    "job_knowledge",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        choices=[
                            (1, "Strongly disagree"),
                            (2, "Disagree"),
                            (3, "Neither agree nor disagree"),
                            (4, "Agree"),
                            (5, "Strongly agree"),
                        ],
                        null=True,
                        verbose_name="I know better what a job in Sweden requires",
                    ),
                ),
                (
                    "comment",
                    models.TextField(blank=True, verbose_name="Anything else you want to tell us?"),
                ),
                (
                    "event",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="events.eventpage",
                        verbose_name="event",
                    ),
                ),
                (
                    "programme",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="events.programme",
                        verbose_name="programme",
                    ),
                ),
            ],
            options={
                "verbose_name": "feedback",
                "verbose_name_plural": "feedback",
                "ordering": ["-week", "kind", "satisfaction"],
            },
        ),
        migrations.RunPython(move_answers, move_answers_back),
        migrations.DeleteModel(name="FeedbackResponse"),
        migrations.RenameModel(old_name="SurveyAnswer", new_name="FeedbackResponse"),
        migrations.AlterField(
            model_name="feedbackresponse",
            name="event",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="feedback",
                to="events.eventpage",
                verbose_name="event",
            ),
        ),
        migrations.AlterField(
            model_name="feedbackresponse",
            name="programme",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="feedback",
                to="events.programme",
                verbose_name="programme",
            ),
        ),
    ]
