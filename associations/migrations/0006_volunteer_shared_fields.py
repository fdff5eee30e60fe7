# The volunteer's contact, location and list fields come from samverka.people's field groups.
import phonenumber_field.modelfields
from django.db import migrations, models

import samverka.people.fields


class Migration(migrations.Migration):
    dependencies = [
        ("associations", "0005_volunteer_anonymised_at"),
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="volunteer",
            name="preferred_language",
            field=models.CharField(
                choices=[
                    ("sv", "Svenska"),
                    ("en", "English"),
                    ("ar", "العربية"),
                    ("fa", "فارسی"),
                    ("so", "Soomaali"),
                    ("ti", "ትግርኛ"),
                    ("uk", "Українська"),
                ],
                default="sv",
                max_length=10,
                verbose_name="language for messages",
            ),
        ),
        migrations.AlterField(
            model_name="volunteer",
            name="last_name",
            field=models.CharField(blank=True, max_length=100, verbose_name="last name"),
        ),
        migrations.AlterField(
            model_name="volunteer",
            name="phone",
            field=phonenumber_field.modelfields.PhoneNumberField(
                blank=True,
                db_index=True,
                help_text="A Swedish number (070-123 45 67) or one with a country code (+46…).",
                max_length=128,
                region="SE",
                verbose_name="phone",
            ),
        ),
        migrations.AlterField(
            model_name="volunteer",
            name="languages",
            field=samverka.people.fields.LanguageLevelsField(verbose_name="languages"),
        ),
        migrations.AlterField(
            model_name="volunteer",
            name="roles",
            field=samverka.people.fields.ChoiceListField(
                item_choices=[
                    ("buddy", "Buddy (kompis)"),
                    ("internship_mentor", "Internship mentor"),
                    ("language_cafe_host", "Language café host"),
                    ("event_helper", "Event helper"),
                ],
                verbose_name="roles",
            ),
        ),
        migrations.AlterField(
            model_name="volunteer",
            name="interests",
            field=samverka.people.fields.ChoiceListField(
                verbose_name="interests", vocabulary="interests"
            ),
        ),
        migrations.AlterField(
            model_name="volunteer",
            name="availability",
            field=samverka.people.fields.ChoiceListField(
                verbose_name="availability", vocabulary="availability"
            ),
        ),
    ]
