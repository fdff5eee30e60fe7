"""The one outcome model (samverka.people.outcomes). The employer points at the model named
by SAMVERKA_ORGANISATION_MODEL (the registry's organisations)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0008_person_sms_preferences_and_phone_verification"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(getattr(settings, "SAMVERKA_ORGANISATION_MODEL", "associations.Organisation")),
    ]

    operations = [
        migrations.CreateModel(
            name="Outcome",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[("job", "Job without subsidy"), ("job_permanent", "Job: permanent"), ("job_temporary", "Job: temporary"), ("job_hourly", "Job: hourly"), ("extratjanst", "Subsidised: extratjänst"), ("nystartsjobb", "Subsidised: nystartsjobb"), ("lonebidrag", "Subsidised: lönebidrag"), ("introduktionsjobb", "Subsidised: introduktionsjobb"), ("etableringsjobb", "Subsidised: etableringsjobb"), ("sfi", "Studies: SFI"), ("komvux", "Studies: komvux"), ("vocational", "Studies: vocational education"), ("university", "Studies: university"), ("business", "Started a business"), ("continued", "Continued internship"), ("looking", "Looking for work"), ("other", "Other")], max_length=20, verbose_name="outcome")),
                ("group", models.CharField(choices=[("job", "Job"), ("subsidised", "Subsidised job"), ("studies", "Studies"), ("continued", "Continued internship"), ("looking", "Looking for work"), ("other", "Other"), ("business", "Own business")], editable=False, max_length=12, verbose_name="group")),
                ("recorded_on", models.DateField(default=django.utils.timezone.localdate, verbose_name="as of")),
                ("job_start_date", models.DateField(blank=True, null=True, verbose_name="job started on")),
                ("employer_name", models.CharField(blank=True, max_length=200, verbose_name="employer or school")),
                ("notes", models.TextField(blank=True, verbose_name="notes")),
                ("employer", models.ForeignKey(blank=True, help_text="When the employer or school is in the registry; otherwise write its name.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=getattr(settings, "SAMVERKA_ORGANISATION_MODEL", "associations.Organisation"), verbose_name="employer in the registry")),
                ("person", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="outcomes", to="people.person", verbose_name="person")),
                ("recorded_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="recorded by")),
            ],
            options={
                "verbose_name": "outcome",
                "verbose_name_plural": "outcomes",
                "ordering": ["recorded_on", "pk"],
                "indexes": [models.Index(fields=["group", "job_start_date"], name="people_outcome_job_idx")],
            },
        ),
    ]
