import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("mentors", "0002_coordinator_permissions"),
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="newcomer",
            name="person",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="newcomer",
                to="people.person",
                verbose_name="person",
            ),
        ),
    ]
