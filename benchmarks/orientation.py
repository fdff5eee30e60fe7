"""An orientation topic page and a meeting place, next to a bare Django view.

Served by gunicorn on loopback with the demo data. Measured twice: as anonymous
visitors get them (the page cache answers after the first request) and with the
page cache switched off (every request renders the page). The target: the topic
page with the cache on reaches at least half the bare view's requests per second.
"""

from urllib.parse import quote

from common import BARE, demo_database, gunicorn, measure, print_table

PAGES = {
    "/samhallsorientering/halsa/": "topic page, Swedish",
    "/ar/samhallsorientering/halsa/": "topic page, Arabic",
    "/ti/samhallsorientering/halsa/": "topic page, Tigrinya",
    "/motesplatser/motesplats-ekby/": "meeting place, Swedish",
    "/ar/search/?q=" + quote("مترجم"): "search, Arabic (not cached)",
}
TOPIC = "/samhallsorientering/halsa/"


def main() -> None:
    verdicts = []
    with demo_database() as env:
        for title, extra_env, cached in (
            ("Civic orientation, page cache on (as anonymous visitors get it)", {}, True),
            (
                "Civic orientation, page cache off (every request renders)",
                {"SAMVERKA_PAGE_CACHE_SECONDS": "0"},
                False,
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
            if cached:
                topic = next(result for result in results if result.path == TOPIC)
                ratio = topic.rps / baseline.rps if baseline.rps else 0.0
                verdicts.append(
                    f"topic page with the page cache: {topic.rps:.0f} req/s = {ratio:.2f}× the "
                    f"bare view ({baseline.rps:.0f} req/s); target ≥ 0.50× → "
                    f"{'met' if ratio >= 0.5 and not topic.errors else 'NOT met'}"
                )
    print()
    for line in verdicts:
        print(line)


if __name__ == "__main__":
    main()
