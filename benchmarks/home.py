"""The home page in Swedish and Arabic next to a bare Django view, served by gunicorn.

Measured twice: as anonymous visitors get it (from the page cache after the first
request) and with the page cache switched off (every request renders the page).
"""

from common import BARE, demo_database, gunicorn, measure, print_table

PAGES = {"/": "home page, Swedish (/)", "/ar/": "home page, Arabic (/ar/)"}


def main() -> None:
    with demo_database() as env:
        for title, extra_env in (
            ("Home page, page cache on (as anonymous visitors get it)", {}),
            (
                "Home page, page cache off (every request renders)",
                {"SAMVERKA_PAGE_CACHE_SECONDS": "0"},
            ),
        ):
            with gunicorn(env, **extra_env) as server:
                baseline = measure(server, BARE)
                results = [measure(server, path) for path in PAGES]
            print_table(
                f"{title}; gunicorn, 2 workers, 4 client threads",
                baseline,
                results,
                labels={BARE: "bare Django view", **PAGES},
            )


if __name__ == "__main__":
    main()
