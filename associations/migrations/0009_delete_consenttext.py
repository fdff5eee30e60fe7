from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("associations", "0008_volunteer_consent_history_only"),
        # Newcomers pointed at consent texts too, until their consent moved to their Person.
        ("mentors", "0005_newcomer_profile_only"),
    ]

    operations = [migrations.DeleteModel(name="ConsentText")]
