# Consent texts move to people.ConsentVersion (purpose "volunteering", same version numbers,
# texts and publication times); each volunteer's consent becomes the first record of their
# history. Phone numbers become E.164 and free-text interests become vocabulary codes.
from django.db import migrations

from samverka.people.phones import normalise
from samverka.people.vocabulary import INTEREST_CODES, interest_codes


def forwards(apps, schema_editor):
    ConsentText = apps.get_model("associations", "ConsentText")
    Volunteer = apps.get_model("associations", "Volunteer")
    ConsentVersion = apps.get_model("people", "ConsentVersion")
    ConsentRecord = apps.get_model("people", "ConsentRecord")
    ContentType = apps.get_model("contenttypes", "ContentType")

    versions = {}
    for text in ConsentText.objects.order_by("version"):
        versions[text.pk] = ConsentVersion.objects.create(
            purpose="volunteering",
            version=text.version,
            text=text.text,
            text_translations=text.text_translations or {},
            published_at=text.published_at,
        )
    volunteer_type, _created = ContentType.objects.get_or_create(
        app_label="associations", model="volunteer"
    )
    records = []
    rows = Volunteer.objects.values_list("pk", "phone", "interests").iterator()
    for pk, raw_phone, interests in rows:
        changes = {}
        phone = normalise(raw_phone)
        if phone != str(getattr(raw_phone, "raw_input", None) or raw_phone or ""):
            changes["phone"] = phone
        codes = sorted(interest_codes(interests) & INTEREST_CODES)
        if codes != list(interests or []):
            changes["interests"] = codes
        if changes:
            Volunteer.objects.filter(pk=pk).update(**changes)
    for volunteer in Volunteer.objects.filter(consent_given_at__isnull=False).iterator():
        version = versions.get(volunteer.consent_version_id) or (
            # consent noted without a version: the text published at the time
            ConsentVersion.objects.filter(
                purpose="volunteering", published_at__lte=volunteer.consent_given_at
            )
            .order_by("-version")
            .first()
        )
        if version is not None:
            records.append(
                ConsentRecord(
                    subject_type=volunteer_type,
                    subject_id=volunteer.pk,
                    version=version,
                    given_at=volunteer.consent_given_at,
                    method=volunteer.consent_method or "online",
                    recorded_by_id=volunteer.consent_recorded_by_id,
                )
            )
    ConsentRecord.objects.bulk_create(records, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("associations", "0006_volunteer_shared_fields"),
        ("people", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
