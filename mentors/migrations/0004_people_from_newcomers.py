# Every newcomer becomes a people.Person (name, phone in E.164, languages, district, account,
# consent) with the newcomer row kept as their kompis profile: matches, proposals and
# internships keep pointing at the same newcomer id. Newcomer consent, never versioned before,
# becomes a record of the first "kompis" text: the sentence the public form showed.
from django.db import migrations
from django.db.models import Min
from django.utils import timezone

from samverka.people.phones import normalise
from samverka.people.vocabulary import INTEREST_CODES, LANGUAGE_CODES, interest_codes

KOMPIS_TEXT_SV = (
    "Jag godkänner att kommunen sparar de här uppgifterna för att hitta en kompis åt mig. "
    "Jag kan när som helst be att få dem borttagna."
)
KOMPIS_TEXT_EN = (
    "I agree that the municipality saves this information to find a kompis for me. "
    "I can ask to have it removed at any time."
)
PERSON_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "district",
    "postcode",
    "latitude",
    "longitude",
    "date_of_settlement",
    "birth_year",
    "gender",
    "household",
    "user_id",
)


def forwards(apps, schema_editor):
    Newcomer = apps.get_model("mentors", "Newcomer")
    Person = apps.get_model("people", "Person")
    ConsentVersion = apps.get_model("people", "ConsentVersion")
    ConsentRecord = apps.get_model("people", "ConsentRecord")
    ContentType = apps.get_model("contenttypes", "ContentType")

    first_consent = Newcomer.objects.aggregate(at=Min("consent_given_at"))["at"]
    kompis, _created = ConsentVersion.objects.get_or_create(
        purpose="kompis",
        version=1,
        defaults={
            "text": KOMPIS_TEXT_SV,
            "text_translations": {"en": KOMPIS_TEXT_EN},
            "published_at": first_consent or timezone.now(),
        },
    )
    person_type, _created = ContentType.objects.get_or_create(app_label="people", model="person")
    records = []
    for newcomer in Newcomer.objects.filter(person__isnull=True).iterator():
        values = {name: getattr(newcomer, name) for name in PERSON_FIELDS}
        values["phone"] = normalise(newcomer.phone)
        values["preferred_language"] = newcomer.contact_language or "sv"
        values["languages"] = {
            code: int(level)
            for code, level in (newcomer.languages or {}).items()
            if code in LANGUAGE_CODES
        }
        values["created_at"] = newcomer.created_at
        person = Person.objects.create(**values)
        Newcomer.objects.filter(pk=newcomer.pk).update(
            person=person,
            interests=sorted(interest_codes(newcomer.interests) & INTEREST_CODES),
        )
        if newcomer.consent_given_at:
            records.append(
                ConsentRecord(
                    subject_type=person_type,
                    subject_id=person.pk,
                    version=kompis,
                    given_at=newcomer.consent_given_at,
                    method=newcomer.consent_method or "online",
                    recorded_by_id=newcomer.consent_recorded_by_id,
                )
            )
    ConsentRecord.objects.bulk_create(records, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("mentors", "0003_newcomer_person"),
        ("associations", "0007_consent_into_people"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
