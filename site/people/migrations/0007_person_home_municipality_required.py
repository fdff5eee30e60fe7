import django.db.models.deletion
from django.db import migrations, models

import samverka.people.municipalities


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0006_default_municipality"),
    ]

    operations = [
        migrations.AlterField(
            model_name="person",
            name="home_municipality",
            field=models.ForeignKey(
                default=samverka.people.municipalities.default_municipality_pk,
                help_text="The municipality the person lives in and whose coordinators see them.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="residents",
                to="people.municipality",
                verbose_name="home municipality",
            ),
        ),
    ]
