from django.core.management.base import BaseCommand
from django.test.utils import override_settings
from django.utils.translation import gettext as _

from samverka.core.demo import DEMO_LOGINS
from samverka.core.discovery import collect
from samverka.core.models import OutboundEmail


class Command(BaseCommand):
    help = "Create the fictional municipality's demo content and logins. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print the logins.")

    def handle(self, *args, quiet_logins=False, **options):
        seeders = collect("demo", "SEEDERS")
        emails_before = OutboundEmail.objects.count()
        # The demo's story triggers emails (absence flags, confirmations); they are
        # kept in the outbox for coordinators to see, but nobody is really emailed.
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
            SAMVERKA_SMS_BACKEND="samverka.core.sms.backends.locmem.Backend",
        ):
            for index, seeder in enumerate(seeders, start=1):
                label = f"{seeder.__module__.split('.')[-2]}.{seeder.__name__}"
                self.stdout.write(f"[{index}/{len(seeders)}] {label} …")

                def report(message):
                    self.stdout.write(f"      {message}")

                seeder(report)
        emails = OutboundEmail.objects.count() - emails_before
        if emails:
            self.stdout.write(
                _("%(count)d demo messages recorded in the outbox, none sent.") % {"count": emails}
            )
        self.stdout.write(self.style.SUCCESS(_("Demo data is in place.")))
        if not quiet_logins:
            self.stdout.write("\n" + _("Demo logins (local demo only):"))
            for login in DEMO_LOGINS:
                self.stdout.write(f"  {login.role:<28} {login.email:<32} {login.password}")
