"""Existing programmes keep counting what they counted: each gets one slot per
weekday and time its event's dates fall on, every enrolment is booked on all of
them, enrolments get a kiosk check-in code, and enrolments flagged today get a
pending flag record (a decision can then be recorded against it)."""

import secrets

from django.db import migrations
from django.utils import timezone

from samverka.core.migration_utils import grant_model_permissions


def slot_keys(occurrences):
    keys = set()
    for original_start, start in occurrences:
        local = timezone.localtime(original_start or start)
        keys.add((local.weekday(), local.time().replace(second=0, microsecond=0)))
    return sorted(keys)


def forwards(apps, schema_editor):
    Programme = apps.get_model("events", "Programme")
    ProgrammeSlot = apps.get_model("events", "ProgrammeSlot")
    Enrolment = apps.get_model("events", "Enrolment")
    EventOccurrence = apps.get_model("events", "EventOccurrence")
    AbsenceFlag = apps.get_model("events", "AbsenceFlag")
    Booking = Enrolment.slots.through
    for programme in Programme.objects.all():
        if ProgrammeSlot.objects.filter(programme=programme).exists():
            continue
        occurrences = EventOccurrence.objects.filter(event_id=programme.event_id).values_list(
            "original_start", "start"
        )
        slots = [
            ProgrammeSlot.objects.create(programme=programme, weekday=weekday, starts_at=at)
            for weekday, at in slot_keys(occurrences)
        ]
        enrolments = list(Enrolment.objects.filter(programme=programme))
        Booking.objects.bulk_create(
            [
                Booking(enrolment_id=enrolment.pk, programmeslot_id=slot.pk)
                for enrolment in enrolments
                if enrolment.ended_on is None
                for slot in slots
            ],
            ignore_conflicts=True,
        )
        used = set()
        for enrolment in enrolments:
            if not enrolment.checkin_code:
                code = f"{secrets.randbelow(10_000):04d}"
                while code in used:
                    code = f"{secrets.randbelow(10_000):04d}"
                enrolment.checkin_code = code
                enrolment.save(update_fields=["checkin_code"])
            used.add(enrolment.checkin_code)
            if enrolment.flagged_at is not None:
                AbsenceFlag.objects.get_or_create(
                    enrolment=enrolment,
                    flagged_at=enrolment.flagged_at,
                    defaults={
                        "run_start_id": enrolment.flagged_run_start_id,
                        "streak": enrolment.absence_streak,
                    },
                )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0010_programme_slots_pauses_kiosks"),
        ("core", "0002_roles_and_locales"),
    ]

    operations = [
        grant_model_permissions(
            "events",
            ["programmeslot", "enrolmentpause", "absenceflag", "kioskpairing"],
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
