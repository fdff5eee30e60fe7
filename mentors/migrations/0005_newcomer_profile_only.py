# Who the newcomer is now lives on their Person; the newcomer row is their kompis profile.
import django.db.models.deletion
from django.apps import apps as global_apps
from django.db import migrations, models

import samverka.people.fields


class Migration(migrations.Migration):
    dependencies = [("mentors", "0004_people_from_newcomers")] + (
        # events' move of participants reads the newcomer fields removed here (only where
        # events is installed: mentors may be installed without it, issue 20).
        [("events", "0005_people_from_participants")] if global_apps.is_installed("events") else []
    )

    operations = [
        migrations.RemoveField(model_name="newcomer", name="birth_year"),
        migrations.RemoveField(model_name="newcomer", name="consent_given_at"),
        migrations.RemoveField(model_name="newcomer", name="consent_method"),
        migrations.RemoveField(model_name="newcomer", name="consent_recorded_by"),
        migrations.RemoveField(model_name="newcomer", name="consent_version"),
        migrations.RemoveField(model_name="newcomer", name="contact_language"),
        migrations.RemoveField(model_name="newcomer", name="date_of_settlement"),
        migrations.RemoveField(model_name="newcomer", name="district"),
        migrations.RemoveField(model_name="newcomer", name="email"),
        migrations.RemoveField(model_name="newcomer", name="first_name"),
        migrations.RemoveField(model_name="newcomer", name="gender"),
        migrations.RemoveField(model_name="newcomer", name="household"),
        migrations.RemoveField(model_name="newcomer", name="languages"),
        migrations.RemoveField(model_name="newcomer", name="last_name"),
        migrations.RemoveField(model_name="newcomer", name="latitude"),
        migrations.RemoveField(model_name="newcomer", name="longitude"),
        migrations.RemoveField(model_name="newcomer", name="phone"),
        migrations.RemoveField(model_name="newcomer", name="postcode"),
        migrations.RemoveField(model_name="newcomer", name="user"),
        migrations.AlterField(
            model_name="newcomer",
            name="person",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="newcomer",
                to="people.person",
                verbose_name="person",
            ),
        ),
        migrations.AlterField(
            model_name="newcomer",
            name="interests",
            field=samverka.people.fields.ChoiceListField(
                verbose_name="interests", vocabulary="interests"
            ),
        ),
        migrations.AlterField(
            model_name="newcomer",
            name="goals",
            field=samverka.people.fields.ChoiceListField(
                item_choices=[
                    ("swedish", "Practise Swedish"),
                    ("network", "Meet people, build a network"),
                    ("job", "Find a job"),
                    ("leisure", "Leisure and culture"),
                ],
                verbose_name="goals",
            ),
        ),
        migrations.AlterField(
            model_name="newcomer",
            name="availability",
            field=samverka.people.fields.ChoiceListField(
                verbose_name="availability", vocabulary="availability"
            ),
        ),
    ]
