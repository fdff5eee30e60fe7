"""The data protection officer's tools: export or erase a person, and what retention will
anonymise next.

    manage.py privacy export <email-or-phone-or-record>
    manage.py privacy erase <email-or-phone-or-record> [--dry-run]
    manage.py privacy due
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from samverka.people.privacy import AddressError, Subject
from samverka.people.retention import due_report
from samverka.people.views import ERASE_ACTION, EXPORT_ACTION


class Command(BaseCommand):
    help = "Export or erase everything held about a person (GDPR articles 15 and 17)."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        export = commands.add_parser("export", help="Print the person's data as JSON.")
        export.add_argument("address", help="email, phone number, or a record like newcomer:12")
        erase = commands.add_parser("erase", help="Anonymise the person everywhere.")
        erase.add_argument("address", help="email, phone number, or a record like newcomer:12")
        erase.add_argument(
            "--dry-run", action="store_true", help="Say what would be done and change nothing."
        )
        commands.add_parser("due", help="What retention would anonymise now.")

    def handle(self, *args, action, **options):
        if action == "due":
            for row in due_report():
                self.stdout.write(
                    _("%(rule)s: %(due)s due (kept %(days)s days, before %(cutoff)s)")
                    % {
                        "rule": row["rule"].key,
                        "due": row["due"],
                        "days": row["days"],
                        "cutoff": f"{row['cutoff']:%Y-%m-%d}",
                    }
                )
            return
        subject = self._one_subject(options["address"])
        if action == "export":
            data = subject.export_json()
            with transaction.atomic():
                log(instance=subject.records[0].obj, action=EXPORT_ACTION, data={"by": "command"})
            self.stdout.write(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
            return
        dry_run = options["dry_run"]
        self.stdout.write(_("Found:") if not dry_run else _("Found (dry run, nothing is changed):"))
        for line in subject.describe():
            self.stdout.write(f"  {line}")
        if not dry_run:
            # Logged first: the erasure then redacts the entry's label like every other.
            with transaction.atomic():
                log(instance=subject.records[0].obj, action=ERASE_ACTION, data={"by": "command"})
        erasure = subject.erase(dry_run=dry_run)
        self.stdout.write(_("Would do:") if dry_run else _("Done:"))
        for line in erasure.lines or [_("nothing left to erase")]:
            self.stdout.write(f"  {line}")

    def _one_subject(self, address) -> Subject:
        try:
            subjects = Subject.find(address)
        except AddressError as error:
            raise CommandError(str(error)) from error
        if not subjects:
            raise CommandError(
                _("Nobody is registered with %(address)s. Nothing was done.") % {"address": address}
            )
        if len(subjects) > 1:
            lines = [
                _("%(address)s belongs to %(count)s people. Nothing was done.")
                % {"address": address, "count": len(subjects)}
            ]
            for number, subject in enumerate(subjects, start=1):
                lines.append(_("Person %(number)s:") % {"number": number})
                lines.extend(f"  {line}" for line in subject.describe())
            lines.append(_("Run the command again with one of their records, e.g. newcomer:12."))
            raise CommandError("\n".join(lines))
        return subjects[0]
