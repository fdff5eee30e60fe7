# Every participant points at a people.Person. A participant who is a newcomer too (linked by
# Participant.newcomer, or with the same account, or the same phone number once both are read
# as E.164) shares the newcomer's Person: one person, one record. The others get their own.
# Enrolments and attendance keep pointing at the same participant ids.
from django.db import migrations
from django.apps import apps as global_apps

# The link to mentors exists only where mentors is installed: events may be installed
# without it (issue 20).
WITH_MENTORS = global_apps.is_installed("mentors")

from samverka.people.phones import normalise, to_e164


def split_name(name):
    first, _sep, last = (name or "").strip().partition(" ")
    return first or "–", last


def forwards(apps, schema_editor):
    Participant = apps.get_model("events", "Participant")
    Person = apps.get_model("people", "Person")

    by_newcomer = {}
    if WITH_MENTORS:
        Newcomer = apps.get_model("mentors", "Newcomer")
        by_newcomer = dict(Newcomer.objects.values_list("pk", "person_id"))
    by_user = dict(
        Person.objects.filter(user__isnull=False).values_list("user_id", "pk")
    )
    by_phone = {}
    for pk, phone in Person.objects.exclude(phone="").values_list("pk", "phone"):
        number = to_e164(phone)
        if number:
            by_phone.setdefault(number, pk)
    taken = set(
        Participant.objects.filter(person__isnull=False).values_list("person_id", flat=True)
    )
    for participant in Participant.objects.filter(person__isnull=True).order_by("pk").iterator():
        number = to_e164(participant.phone)
        candidates = [
            by_newcomer.get(getattr(participant, "newcomer_id", None)),
            by_user.get(participant.user_id) if participant.user_id else None,
            by_phone.get(number) if number else None,
        ]
        person_id = next((pk for pk in candidates if pk and pk not in taken), None)
        if person_id is None:
            first, last = split_name(participant.name)
            person = Person.objects.create(
                first_name=first,
                last_name=last,
                phone=normalise(participant.phone),
                email=participant.email,
                preferred_language=participant.language or "sv",
                user_id=participant.user_id if participant.user_id not in by_user else None,
                created_at=participant.created_at,
            )
            person_id = person.pk
            if participant.user_id and participant.user_id not in by_user:
                by_user[participant.user_id] = person_id
            if number:
                by_phone.setdefault(number, person_id)
        else:
            # The newcomer's record may lack what the participant record had.
            person = Person.objects.get(pk=person_id)
            changed = []
            if not person.email and participant.email:
                person.email = participant.email
                changed.append("email")
            if not person.phone and participant.phone:
                person.phone = normalise(participant.phone)
                changed.append("phone")
            if person.user_id is None and participant.user_id and participant.user_id not in by_user:
                person.user_id = participant.user_id
                by_user[participant.user_id] = person_id
                changed.append("user")
            if changed:
                person.save(update_fields=changed)
        taken.add(person_id)
        Participant.objects.filter(pk=participant.pk).update(person_id=person_id)


class Migration(migrations.Migration):
    dependencies = [("events", "0004_participant_person")] + (
        [("mentors", "0004_people_from_newcomers")] if WITH_MENTORS else []
    )

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
