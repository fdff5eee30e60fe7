"""An orientation topic page and a meeting place, next to a bare Django view.

Served by gunicorn on loopback with the demo data. Measured twice: as anonymous
visitors get them (the page cache answers after the first request) and with the
page cache switched off (every request renders the page). The target: the topic
page with the cache on reaches at least half the bare view's requests per second.

The machine is shared, so with the cache on the bare view and the pages are
measured in three alternating rounds and each keeps its best round.
"""

from urllib.parse import quote

from common import BARE, demo_database, gunicorn, measure, print_table

PAGES = {
    "/samhallsorientering/halsa/": "topic page, Swedish",
    "/ar/samhallsorientering/halsa/": "topic page, Arabic",
    "/ti/samhallsorientering/halsa/": "topic page, Tigrinya",
    "/motesplatser/motesplats-ekby/": "meeting place, Swedish",
}
SEARCH = {"/ar/search/?q=" + quote("مترجم"): "search, Arabic (never cached)"}
TOPIC = "/samhallsorientering/halsa/"
ROUNDS = 3


def best_of(server, paths, rounds=ROUNDS):
    best = {}
    for _round in range(rounds):
        for path in paths:
            result = measure(server, path, requests=1000)
            if path not in best or result.rps > best[path].rps:
                best[path] = result
    return best


def main() -> None:
    labels = {BARE: "bare Django view", **PAGES, **SEARCH}
    with demo_database() as env:
        with gunicorn(env) as server:
            best = best_of(server, [BARE, *PAGES])
            search = [measure(server, path, time_cap=10) for path in SEARCH]
        baseline = best[BARE]
        print_table(
            "Civic orientation, page cache on (as anonymous visitors get it); "
            f"gunicorn, 2 workers, 4 client threads, best of {ROUNDS} alternating rounds",
            baseline,
            [best[path] for path in PAGES] + search,
            labels=labels,
        )
        topic = best[TOPIC]
        ratio = topic.rps / baseline.rps if baseline.rps else 0.0
        verdict = (
            f"topic page with the page cache: {topic.rps:.0f} req/s = {ratio:.2f}× the bare "
            f"view ({baseline.rps:.0f} req/s); target ≥ 0.50× → "
            f"{'met' if ratio >= 0.5 and not topic.errors else 'NOT met'}"
        )
        with gunicorn(env, SAMVERKA_PAGE_CACHE_SECONDS="0") as server:
            baseline = measure(server, BARE)
            results = [measure(server, path, time_cap=10) for path in PAGES]
        print_table(
            "Civic orientation, page cache off (every request renders); "
            "gunicorn, 2 workers, 4 client threads",
            baseline,
            results,
            labels=labels,
        )
    print()
    print(verdict)


if __name__ == "__main__":
    main()
