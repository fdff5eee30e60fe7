import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext_lazy

from samverka.core.discovery import collect

# What became of each task, in the site's language (the task's name stays as it is in the
# code, for logs and searching).
STATUS_LABELS = {
    "READY": gettext_lazy("queued"),
    "RUNNING": gettext_lazy("running"),
    "SUCCESSFUL": gettext_lazy("done"),
    "FAILED": gettext_lazy("failed"),
}


class Command(BaseCommand):
    help = "Enqueue the periodic background work (email retries, reminders, follow-ups, clean-up)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every", type=int, default=0, help="Repeat every N seconds instead of running once."
        )

    def handle(self, *args, every, **options):
        while True:
            tasks = collect("periodic", "PERIODIC_TASKS")
            for index, periodic in enumerate(tasks, start=1):
                # the tasks run in their own languages (each message in its reader's);
                # only this line is in the site's
                result = periodic.enqueue()
                with translation.override(settings.LANGUAGE_CODE):
                    status = str(STATUS_LABELS.get(str(result.status), result.status))
                    self.stdout.write(f"[{index}/{len(tasks)}] {periodic.name}: {status}")
            if not every:
                return
            time.sleep(every)
