import time

from django.core.management.base import BaseCommand

from samverka.core.discovery import collect


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
                result = periodic.enqueue()
                self.stdout.write(f"[{index}/{len(tasks)}] {periodic.name}: {result.status}")
            if not every:
                return
            time.sleep(every)
