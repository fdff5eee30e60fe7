from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("associations", "0007_consent_into_people")]

    operations = [
        migrations.RemoveField(model_name="volunteer", name="consent_version"),
        migrations.RemoveField(model_name="volunteer", name="consent_given_at"),
        migrations.RemoveField(model_name="volunteer", name="consent_method"),
        migrations.RemoveField(model_name="volunteer", name="consent_recorded_by"),
    ]
