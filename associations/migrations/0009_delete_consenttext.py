from django.apps import apps as global_apps
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("associations", "0008_volunteer_consent_history_only")] + (
        # Newcomers pointed at consent texts too, until their consent moved to their Person
        # (only where mentors is installed: associations may be installed alone, issue 20).
        [("mentors", "0005_newcomer_profile_only")] if global_apps.is_installed("mentors") else []
    )

    operations = [migrations.DeleteModel(name="ConsentText")]
