"""The public directory of organisations with 1,000 organisations, next to a bare
Django view, served by gunicorn in the same run.

The demo's 38 listed organisations are topped up to 1,000 (plus the demo's
pending ones); then the unfiltered first page, a filtered list (language and
district), a deep page and one organisation's public page are measured. The
directory's query count does not grow with the number of organisations
(tests/associations/test_directory.py pins it); this shows what a page costs.
"""

from __future__ import annotations

from urllib.parse import urlencode

from common import BARE, demo_database, gunicorn, manage, measure, print_table

TOP_UP = """
from associations.models import Organisation
from associations.validators import luhn_check_digit

def number(index):
    first_nine = f"803{index:06d}"
    digits = first_nine + luhn_check_digit(first_nine)
    return f"{digits[:6]}-{digits[6:]}"

missing = 1000 - Organisation.objects.listed().count()
kinds = Organisation.Kind.values
Organisation.objects.bulk_create(
    Organisation(
        name=f"Förening {index:04d}",
        slug=f"forening-{index:04d}",
        organisation_number=number(index),
        kind=kinds[index % len(kinds)],
        status=Organisation.Status.APPROVED,
        is_listed=True,
        district=["Ålunda centrum", "Västerby"][index % 2],
        languages=[["sv", "ar"], ["sv", "ti", "so"], ["sv", "uk", "en"], ["fa", "sv"]][index % 4],
        activities=[["language_cafe"], ["sport", "buddy"], ["homework_help"]][index % 3],
        description="En förening i Ålunda som välkomnar nya ålundabor. " * 4,
        city="Ålunda",
    )
    for index in range(max(missing, 0))
)
print(Organisation.objects.listed().count(), "listed organisations")
"""

PAGES = {
    "/organisations/": "directory, first page",
    "/organisations/?"
    + urlencode({"language": "ar", "district": "Västerby"}): "directory, language + district",
    "/organisations/?" + urlencode({"q": "förening", "page": 40}): "directory, search, page 40",
    "/organisations/roda-korset-alunda/": "one organisation's page",
}


def main() -> None:
    with demo_database() as env:
        manage(env, "shell", "-c", TOP_UP, quiet=False)
        with gunicorn(env) as server:
            baseline = measure(server, BARE)
            results = [measure(server, path) for path in PAGES]
        print_table(
            "Directory with 1,000 organisations; gunicorn, 2 workers, 4 client threads",
            baseline,
            results,
            labels={BARE: "bare Django view", **PAGES},
        )


if __name__ == "__main__":
    main()
