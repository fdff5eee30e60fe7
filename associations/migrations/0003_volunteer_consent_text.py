"""The first version of the volunteers' consent text, so that sign-up works on a new site."""

from django.db import migrations

TEXT_SV = """Ålunda kommun sparar det du skriver här (namn, kontaktuppgifter, språk, intressen, när du kan och vad du vill göra) för att kunna ordna uppdrag som volontär: kompis, praktikmentor, värd på språkcafé eller hjälp vid evenemang.

Uppgifterna ses bara av samordnare på kommunen och av de föreningar du själv är volontär genom. De lämnas aldrig till någon annan.

För uppdrag med barn ber vi att få se ett utdrag ur belastningsregistret. Vi antecknar bara datumet då vi såg det, aldrig själva utdraget.

Du kan när som helst be att få ut dina uppgifter eller att de raderas, och ta tillbaka ditt samtycke."""

TEXT_EN = """Ålunda municipality stores what you write here (name, contact details, languages, interests, when you are free and what you would like to do) to arrange volunteering: as a buddy, an internship mentor, a language café host or a helper at events.

Only the municipality's coordinators and the associations you volunteer through see it. It is never given to anyone else.

For tasks with children we ask to see an extract from the criminal-records register. We note only the date we saw it, never the extract itself.

You can at any time ask for a copy of your information or for it to be erased, and withdraw your consent."""


def create(apps, schema_editor):
    ConsentText = apps.get_model("associations", "ConsentText")
    ConsentText.objects.get_or_create(
        kind="volunteer", version=1, defaults={"text": TEXT_SV, "text_translations": {"en": TEXT_EN}}
    )


class Migration(migrations.Migration):
    dependencies = [("associations", "0002_coordinator_permissions")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
