from django.core.management.base import BaseCommand

from samverka.orientation.translation import adopt_all


class Command(BaseCommand):
    help = (
        "Record translated pages made before wagtail-localize (pages sharing a translation "
        "key) as wagtail-localize translations, keeping their text. Safe to run again."
    )

    def handle(self, *args, **options):
        results = adopt_all(report=self.stdout.write)
        unmatched = sum(len(result.unmatched) for result in results)
        self.stdout.write(
            f"{len(results)} translations adopted, {unmatched} segments could not be paired."
        )
