import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_participant_newcomer"),
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="participant",
            name="person",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="participant",
                to="people.person",
                verbose_name="person",
            ),
        ),
    ]
