"""Internship outcomes become outcomes of the person (samverka.people.outcomes.Outcome).

The old table is renamed aside, the new child table (parent link to people.Outcome, the
internship and the checkpoint) is created under the old name, every row is copied with its id
kept (audit entries still point at the same outcome) and its employer linked to the registry
when an organisation has exactly that name, then the old table is dropped. The model keeps its
name and its content type, so permissions granted to the Coordinator group stay valid.
"""

import django.db.models.deletion
from django.core.management.color import no_style
from django.db import migrations, models

MOVED = ["kind", "group", "recorded_on", "job_start_date", "employer_name", "notes"]


def forwards(apps, schema_editor):
    Legacy = apps.get_model("internships", "Outcome")
    New = apps.get_model("internships", "NewOutcome")
    PersonOutcome = apps.get_model("people", "Outcome")
    Organisation = apps.get_model("associations", "Organisation")
    rows = Legacy.objects.select_related("internship__newcomer").order_by("pk")
    names = {}
    for name, pk in Organisation.objects.values_list("name", "pk"):
        names.setdefault(name.strip().lower(), []).append(pk)
    for row in rows.iterator():
        matches = names.get(row.employer_name.strip().lower(), []) if row.employer_name else []
        New.objects.create(
            pk=row.pk,
            person_id=row.internship.newcomer.person_id,
            internship_id=row.internship_id,
            checkpoint=row.checkpoint,
            recorded_by_id=row.recorded_by_id,
            employer_id=matches[0] if len(matches) == 1 else None,
            **{name: getattr(row, name) for name in MOVED},
        )
    reset_sequences(schema_editor, PersonOutcome)


def backwards(apps, schema_editor):
    Legacy = apps.get_model("internships", "Outcome")
    New = apps.get_model("internships", "NewOutcome")
    PersonOutcome = apps.get_model("people", "Outcome")
    for row in New.objects.order_by("pk").iterator():
        Legacy.objects.create(
            pk=row.pk,
            internship_id=row.internship_id,
            checkpoint=row.checkpoint,
            recorded_by_id=row.recorded_by_id,
            **{name: getattr(row, name) for name in MOVED},
        )
    ids = list(New.objects.values_list("pk", flat=True))
    New.objects.all().delete()
    PersonOutcome.objects.filter(pk__in=ids).delete()
    reset_sequences(schema_editor, Legacy)


def reset_sequences(schema_editor, model):
    connection = schema_editor.connection
    for sql in connection.ops.sequence_reset_sql(no_style(), [model]):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("internships", "0003_report_indexes"),
        ("people", "0009_outcome"),
        ("mentors", "0005_newcomer_profile_only"),
        ("associations", "0009_delete_consenttext"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="outcome", name="outcome_checkpoint_idx"),
        migrations.RemoveIndex(model_name="outcome", name="outcome_job_idx"),
        migrations.RemoveConstraint(
            model_name="outcome", name="internship_one_outcome_per_checkpoint"
        ),
        migrations.AlterModelTable(name="outcome", table="internships_outcome_legacy"),
        migrations.CreateModel(
            name="NewOutcome",
            fields=[
                (
                    "outcome_ptr",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        related_name="internship_outcome",
                        serialize=False,
                        to="people.outcome",
                    ),
                ),
                (
                    "checkpoint",
                    models.CharField(
                        choices=[
                            ("end", "At the end"),
                            ("day_90", "After 90 days"),
                            ("day_180", "After 180 days"),
                        ],
                        max_length=10,
                        verbose_name="when",
                    ),
                ),
                (
                    "internship",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="outcomes",
                        to="internships.internship",
                        verbose_name="internship",
                    ),
                ),
            ],
            options={
                "verbose_name": "outcome",
                "verbose_name_plural": "outcomes",
                "ordering": ["internship", "recorded_on"],
                "db_table": "internships_outcome",
            },
            bases=("people.outcome",),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(name="Outcome"),
        migrations.RenameModel(old_name="NewOutcome", new_name="Outcome"),
        migrations.AlterModelTable(name="outcome", table=None),
        migrations.AddConstraint(
            model_name="outcome",
            constraint=models.UniqueConstraint(
                fields=("internship", "checkpoint"), name="internship_one_outcome_per_checkpoint"
            ),
        ),
        migrations.AddIndex(
            model_name="outcome",
            index=models.Index(fields=["checkpoint"], name="outcome_checkpoint_idx"),
        ),
    ]
