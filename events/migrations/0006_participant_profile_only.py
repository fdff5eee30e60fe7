# Who the participant is now lives on their Person; the participant row holds enrolments.
import django.db.models.deletion
from django.db import migrations, models
from django.apps import apps as global_apps

# The link to mentors exists only where mentors is installed: events may be installed
# without it (issue 20).
WITH_MENTORS = global_apps.is_installed("mentors")


class Migration(migrations.Migration):
    dependencies = [("events", "0005_people_from_participants")]

    operations = [
        migrations.RemoveField(model_name="participant", name="email"),
        migrations.RemoveField(model_name="participant", name="language"),
        migrations.RemoveField(model_name="participant", name="name"),
        *([migrations.RemoveField(model_name="participant", name="newcomer")] if WITH_MENTORS else []),
        migrations.RemoveField(model_name="participant", name="phone"),
        migrations.RemoveField(model_name="participant", name="user"),
        migrations.AlterField(
            model_name="participant",
            name="person",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="participant",
                to="people.person",
                verbose_name="person",
            ),
        ),
        migrations.AlterModelOptions(
            name="participant",
            options={
                "ordering": ["person__first_name", "person__last_name", "pk"],
                "verbose_name": "participant",
                "verbose_name_plural": "participants",
            },
        ),
        migrations.AlterModelOptions(
            name="enrolment",
            options={
                "ordering": [
                    "programme",
                    "participant__person__first_name",
                    "participant__person__last_name",
                ],
                "verbose_name": "enrolment",
                "verbose_name_plural": "enrolments",
            },
        ),
    ]
