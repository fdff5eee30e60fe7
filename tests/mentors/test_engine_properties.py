"""Property tests of the matching engine on random small instances.

The hard rules, the maximum number matched and the optimal objective are checked against
independent implementations here: a plain-Python rule checker, a max flow computed by
scipy's `maximum_flow`, and a brute-force search over every assignment.
"""

import itertools
import math
import random

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.sparse import csr_array
from scipy.sparse.csgraph import maximum_flow

from mentors import engine
from mentors.engine import Mentor, Newcomer, Policy

SLOTS = ("mon_evening", "tue_evening", "sat_morning", "sun_afternoon")
INTERESTS = ("cooking", "football", "walking", "music")
GENDERS = ("female", "male", "")

languages = st.dictionaries(
    st.sampled_from(["sv", "ar", "en", "ti"]), st.integers(0, 5), max_size=3
)
location = st.one_of(
    st.none(),
    st.tuples(st.floats(59.2, 59.6), st.floats(17.6, 18.2)),
)


@st.composite
def newcomer(draw, pid):
    loc = draw(location)
    return Newcomer(
        id=pid,
        languages=draw(languages),
        latitude=loc[0] if loc else None,
        longitude=loc[1] if loc else None,
        district=draw(st.sampled_from(["Jakobsberg", "Kallhäll", ""])),
        gender=draw(st.sampled_from(GENDERS)),
        birth_year=draw(st.one_of(st.none(), st.integers(1950, 2005))),
        household=draw(st.sampled_from(["alone", "couple", "with_children", ""])),
        interests=frozenset(draw(st.sets(st.sampled_from(INTERESTS)))),
        profession=draw(st.sampled_from(["nurse", "teacher", ""])),
        sector=draw(st.sampled_from(["health", "education", ""])),
        availability=frozenset(draw(st.sets(st.sampled_from(SLOTS)))),
        mentor_gender=draw(st.sampled_from(GENDERS)),
        waiting_days=draw(st.integers(0, 60)),
        first_in_line=draw(st.booleans()),
    )


@st.composite
def mentor(draw, pid):
    loc = draw(location)
    return Mentor(
        id=pid,
        languages=draw(languages),
        latitude=loc[0] if loc else None,
        longitude=loc[1] if loc else None,
        district=draw(st.sampled_from(["Jakobsberg", "Kallhäll", ""])),
        gender=draw(st.sampled_from(GENDERS)),
        birth_year=draw(st.one_of(st.none(), st.integers(1950, 2005))),
        household=draw(st.sampled_from(["alone", "couple", "with_children", ""])),
        interests=frozenset(draw(st.sets(st.sampled_from(INTERESTS)))),
        profession=draw(st.sampled_from(["nurse", "teacher", ""])),
        sector=draw(st.sampled_from(["health", "education", ""])),
        availability=frozenset(draw(st.sets(st.sampled_from(SLOTS)))),
        newcomer_gender=draw(st.sampled_from(["female", "", ""])),
        capacity=draw(st.integers(0, 3)),
        active=draw(st.integers(0, 1)),
    )


@st.composite
def instance(draw, max_new=5, max_men=4):
    n = draw(st.integers(0, max_new))
    m = draw(st.integers(0, max_men))
    news = [draw(newcomer(f"n{k}")) for k in range(n)]
    mens = [draw(mentor(f"m{k}")) for k in range(m)]
    all_pairs = [(a.id, b.id) for a in news for b in mens]
    weights = {c: draw(st.sampled_from([0.0, 0.5, 1.0, 3.0])) for c in engine.CRITERIA}
    policy = Policy(
        min_language_level=draw(st.integers(1, 4)),
        max_distance_km=draw(st.sampled_from([None, 5.0, 15.0, 40.0])),
        respect_gender_preference=draw(st.booleans()),
        require_common_slot=draw(st.booleans()),
        excluded_pairs=frozenset(
            draw(st.sets(st.sampled_from(all_pairs), max_size=2)) if all_pairs else ()
        ),
        weights=weights,
        second_slot_cost=draw(st.sampled_from([0.0, 5.0, 10.0])),
        third_slot_cost=draw(st.sampled_from([10.0, 25.0])),
    )
    locked = draw(st.sets(st.sampled_from(all_pairs), max_size=3)) if all_pairs else set()
    forbidden = draw(st.sets(st.sampled_from(all_pairs), max_size=3)) if all_pairs else set()
    return news, mens, policy, locked, forbidden


# ---------------------------------------------------------------------------------------
# Independent reference implementations
# ---------------------------------------------------------------------------------------


def haversine(a, b):
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * engine.EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def breaks_rule(nc, mt, policy, forbidden, tolerance=1e-6):
    """The first hard rule the pair breaks (plain Python), or None. `tolerance` in km."""
    if policy.max_distance_km is not None and None not in (
        nc.latitude,
        nc.longitude,
        mt.latitude,
        mt.longitude,
    ):
        if haversine(nc, mt) > policy.max_distance_km + tolerance:
            return "distance"
    level = policy.min_language_level
    if not any(
        nc.languages.get(code, 0) >= level and mt.languages.get(code, 0) >= level
        for code in nc.languages
    ):
        return "language"
    if policy.respect_gender_preference:
        if nc.mentor_gender and nc.mentor_gender != mt.gender:
            return "gender"
        if mt.newcomer_gender and mt.newcomer_gender != nc.gender:
            return "gender"
    if policy.require_common_slot and nc.availability and mt.availability:
        if not nc.availability & mt.availability:
            return "time_slot"
    if (nc.id, mt.id) in policy.excluded_pairs:
        return "excluded"
    if (nc.id, mt.id) in forbidden:
        return "forbidden"
    return None


def all_broken(nc, mt, policy, forbidden):
    """Every hard rule the pair breaks (plain Python), capacity aside."""
    broken = []
    if policy.max_distance_km is not None and None not in (
        nc.latitude,
        nc.longitude,
        mt.latitude,
        mt.longitude,
    ):
        if haversine(nc, mt) > policy.max_distance_km:
            broken.append("distance")
    level = policy.min_language_level
    if not any(
        nc.languages.get(code, 0) >= level and mt.languages.get(code, 0) >= level
        for code in nc.languages
    ):
        broken.append("language")
    if policy.respect_gender_preference and (
        (nc.mentor_gender and nc.mentor_gender != mt.gender)
        or (mt.newcomer_gender and mt.newcomer_gender != nc.gender)
    ):
        broken.append("gender")
    if policy.require_common_slot and nc.availability and mt.availability:
        if not nc.availability & mt.availability:
            broken.append("time_slot")
    if (nc.id, mt.id) in policy.excluded_pairs:
        broken.append("excluded")
    if (nc.id, mt.id) in forbidden:
        broken.append("forbidden")
    return broken


def levels(news):
    """Priority: first in line above all, then waiting time in whole days."""
    days = [p.waiting_days for p in news]
    top = max(days, default=0) + 1
    keys = [top + w if p.first_in_line else w for p, w in zip(news, days, strict=True)]
    rank = {k: r for r, k in enumerate(sorted(set(keys)))}
    return {p.id: rank[k] for p, k in zip(news, keys, strict=True)}


def pair_scores(news, mens, policy):
    """Scores in hundredths for every pair, from the engine's scorer (optimality is what the
    brute force checks, not the scoring)."""
    new, men, pairs = engine._prepare(news, mens, policy, [])
    out = {}
    if not new.n or not men.n:
        return out
    i = np.repeat(np.arange(new.n), men.n).astype(np.int32)
    j = np.tile(np.arange(men.n), new.n).astype(np.int32)
    score, _, _ = pairs.scores(i, j)
    for a, b, s in zip(i.tolist(), j.tolist(), score.tolist(), strict=True):
        out[(new.ids[a], men.ids[b])] = s
    return out


def kept_locks(result):
    return {(p.newcomer_id, p.mentor_id) for p in result.proposals if p.locked}


def residual(news, mens, result):
    """Newcomers still open, mentors' free capacity and used slots after locks."""
    locks = kept_locks(result)
    locked_new = {a for a, _ in locks}
    used = {m.id: m.active + sum(1 for _, b in locks if b == m.id) for m in mens}
    free = {m.id: max(0, m.capacity - used[m.id]) for m in mens}
    open_new = [p for p in news if p.id not in locked_new]
    return open_new, free, used


def max_matchable(news, mens, policy, forbidden, result):
    open_new, free, _ = residual(news, mens, result)
    n, m = len(open_new), len(mens)
    if not n or not m:
        return 0
    size = n + m + 2
    source, sink = n + m, n + m + 1
    rows, cols, caps = [], [], []
    for a, nc in enumerate(open_new):
        rows.append(source)
        cols.append(a)
        caps.append(1)
        for b, mt in enumerate(mens):
            if breaks_rule(nc, mt, policy, forbidden, tolerance=-1e-6) is None:
                rows.append(a)
                cols.append(n + b)
                caps.append(1)
    for b, mt in enumerate(mens):
        rows.append(n + b)
        cols.append(sink)
        caps.append(free[mt.id])
    graph = csr_array((np.array(caps, dtype=np.int32), (rows, cols)), shape=(size, size))
    return maximum_flow(graph, source, sink).flow_value


def lexicographic(assign, news, mens, policy, scores, used):
    """(sum of 1 + waiting level over matched newcomers, total score minus slot costs)."""
    lv = levels(news)
    primary = sum(1 + lv[a] for a in assign)
    secondary = sum(scores[(a, b)] for a, b in assign.items())
    costs = policy.slot_costs(10)
    for mt in mens:
        k = sum(1 for b in assign.values() if b == mt.id)
        secondary -= sum(costs[used[mt.id] + t] for t in range(k))
    return primary, secondary


def brute_force(news, mens, policy, forbidden, result, scores):
    open_new, free, used = residual(news, mens, result)
    options = []
    for nc in open_new:
        ok = [None] + [
            mt.id
            for mt in mens
            if breaks_rule(nc, mt, policy, forbidden, tolerance=-1e-6) is None and free[mt.id] > 0
        ]
        options.append(ok)
    best = (0, 0)
    for choice in itertools.product(*options):
        load = {}
        for b in choice:
            if b is not None:
                load[b] = load.get(b, 0) + 1
        if any(load[b] > free[b] for b in load):
            continue
        assign = {nc.id: b for nc, b in zip(open_new, choice, strict=True) if b is not None}
        best = max(best, lexicographic(assign, news, mens, policy, scores, used))
    return best


def near_boundary(news, mens, policy):
    """Pairs within a micrometre of the distance limit could be judged either way by two
    correct implementations; such instances are skipped for the exact comparisons."""
    if policy.max_distance_km is None:
        return False
    return any(
        abs(haversine(a, b) - policy.max_distance_km) < 1e-5
        for a in news
        for b in mens
        if None not in (a.latitude, b.latitude)
    )


# ---------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(instance())
def test_no_hard_rule_broken_and_no_capacity_exceeded(case):
    news, mens, policy, locked, forbidden = case
    result = engine.match(news, mens, policy, locked=locked, forbidden=forbidden)
    by_id_n = {p.id: p for p in news}
    by_id_m = {p.id: p for p in mens}
    for p in result.proposals:
        assert (p.newcomer_id, p.mentor_id) not in forbidden
        assert (p.newcomer_id, p.mentor_id) not in policy.excluded_pairs
        if not p.locked:
            assert (
                breaks_rule(by_id_n[p.newcomer_id], by_id_m[p.mentor_id], policy, forbidden) is None
            )
        assert sum(p.breakdown.values()) == p.score or math.isclose(
            sum(p.breakdown.values()), p.score, abs_tol=1e-6
        )
    assert len({p.newcomer_id for p in result.proposals}) == len(result.proposals)
    for mt in mens:
        load = sum(1 for p in result.proposals if p.mentor_id == mt.id)
        assert load == 0 or mt.active + load <= mt.capacity


@SETTINGS
@given(instance())
def test_locks_kept_unless_contradictory(case):
    news, mens, policy, locked, forbidden = case
    result = engine.match(news, mens, policy, locked=locked, forbidden=forbidden)
    kept = kept_locks(result)
    explained = {(i.newcomer_id, i.mentor_id) for i in result.issues if i.code.startswith("lock_")}
    for pair in locked:
        assert pair in kept or pair in explained
        on_mentor = [lk for lk in locked if lk[1] == pair[1]]
        on_newcomer = [lk for lk in locked if lk[0] == pair[0]]
        mt = next(m for m in mens if m.id == pair[1])
        valid_alone = (
            pair not in forbidden
            and pair not in policy.excluded_pairs
            and len(on_newcomer) == 1
            and mt.active + len(on_mentor) <= mt.capacity
        )
        if valid_alone:
            assert pair in kept


@SETTINGS
@given(instance(), st.randoms(use_true_random=False))
def test_deterministic_whatever_the_input_order(case, rnd):
    news, mens, policy, locked, forbidden = case
    first = engine.match(news, mens, policy, locked=locked, forbidden=forbidden)
    shuffled_n, shuffled_m = list(news), list(mens)
    rnd.shuffle(shuffled_n)
    rnd.shuffle(shuffled_m)
    second = engine.match(shuffled_n, shuffled_m, policy, locked=locked, forbidden=forbidden)
    assert first.proposals == second.proposals
    assert first.unmatched_newcomers == second.unmatched_newcomers
    assert first.unmatched_mentors == second.unmatched_mentors


@SETTINGS
@given(instance())
def test_number_matched_is_the_maximum_possible(case):
    news, mens, policy, locked, forbidden = case
    if near_boundary(news, mens, policy):
        return
    result = engine.match(news, mens, policy, locked=locked, forbidden=forbidden)
    free_proposals = [p for p in result.proposals if not p.locked]
    assert len(free_proposals) == max_matchable(news, mens, policy, forbidden, result)


@SETTINGS
@given(instance())
def test_objective_equals_brute_force(case):
    news, mens, policy, locked, forbidden = case
    if near_boundary(news, mens, policy):
        return
    result = engine.match(news, mens, policy, locked=locked, forbidden=forbidden)
    scores = pair_scores(news, mens, policy)
    _, _, used = residual(news, mens, result)
    assign = {p.newcomer_id: p.mentor_id for p in result.proposals if not p.locked}
    got = lexicographic(assign, news, mens, policy, scores, used)
    assert got == brute_force(news, mens, policy, forbidden, result, scores)


@SETTINGS
@given(instance(max_new=4, max_men=3))
def test_unmatched_explanations_are_consistent(case):
    news, mens, policy, locked, forbidden = case
    result = engine.match(news, mens, policy, locked=locked, forbidden=forbidden)
    matched = {p.newcomer_id for p in result.proposals}
    explained = {u.id for u in result.unmatched_newcomers}
    assert matched | explained == {p.id for p in news}
    assert not matched & explained
    for u in result.unmatched_newcomers:
        assert u.reason in ("no_feasible", "capacity_conflict", "candidates_full", "lock_conflict")
        if u.reason == "no_feasible":
            assert u.candidates == 0
            # every mentor is counted under each rule it breaks, so none is hidden
            nc = next(p for p in news if p.id == u.id)
            if not near_boundary(news, mens, policy):
                for rule in engine.RULES[:-1]:
                    expected = sum(
                        1 for mt in mens if rule in all_broken(nc, mt, policy, forbidden)
                    )
                    assert u.excluded_by[rule] == expected, rule
            assert sum(u.excluded_by.values()) >= len(mens)
        elif u.reason == "capacity_conflict":
            # the best candidate is full: someone holds every slot
            assert u.taken_by
            holders = {p.newcomer_id for p in result.proposals if p.mentor_id == u.best_candidate}
            assert set(u.taken_by) == holders
            # "who waited longer" is true, or the taker is first in line, locked, or waited
            # exactly as long: the place never goes to someone further back in line
            lv = levels(news)
            by_id = {p.id: p for p in news}
            assert (
                u.taken_by_first_in_line
                or u.taken_by_locked
                or any(lv[t] >= lv[u.id] for t in u.taken_by)
            )
            assert u.taken_by_waited_longer == any(
                by_id[t].waiting_days > by_id[u.id].waiting_days for t in u.taken_by
            )
        elif u.reason == "candidates_full":
            full = next(m for m in mens if m.id == u.best_candidate)
            locks = [p for p in result.proposals if p.mentor_id == full.id]
            assert full.active + len(locks) >= full.capacity
            assert all(p.locked for p in locks)


@SETTINGS
@given(instance(max_new=3, max_men=4))
def test_top_candidates_agree_with_the_rules(case):
    news, mens, policy, _, forbidden = case
    for nc in news:
        found = engine.top_candidates(nc, mens, policy, forbidden=forbidden)
        ok = [
            mt
            for mt in mens
            if breaks_rule(nc, mt, policy, forbidden, tolerance=-1e-6) is None
            and mt.capacity - mt.active > 0
        ]
        loose = [
            mt
            for mt in mens
            if breaks_rule(nc, mt, policy, forbidden, tolerance=1e-6) is None
            and mt.capacity - mt.active > 0
        ]
        assert len(ok) <= len(found.candidates) + max(0, len(ok) - 5)
        assert {c.id for c in found.candidates} <= {mt.id for mt in loose}
        scores = [c.score for c in found.candidates]
        assert scores == sorted(scores, reverse=True)
        assert sum(found.excluded_by.values()) + len(loose) >= len(mens)


def test_random_medium_instance_matches_max_flow():
    rnd = random.Random(7)
    from mentors.synthetic import generate

    population = generate(60, 40, seed=rnd.randint(0, 1000))
    policy = Policy(min_language_level=2, max_distance_km=8)
    result = engine.match(population.newcomers, population.mentors, policy)
    assert result.matched == max_matchable(
        population.newcomers, population.mentors, policy, set(), result
    )


# ---------------------------------------------------------------------------------------
# Re-runs and declines
# ---------------------------------------------------------------------------------------

RERUN_SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def served_from_each_level(result, news):
    """For every priority level L: how many newcomers at level L or above got a proposal."""
    lv = levels(news)
    matched = [lv[p.newcomer_id] for p in result.proposals]
    return [sum(1 for m in matched if m >= t) for t in sorted(set(lv.values()))]


@st.composite
def rerun_case(draw):
    news, mens, policy, _, forbidden = draw(instance())
    all_pairs = [(a.id, b.id) for a in news for b in mens]
    preferred = draw(st.sets(st.sampled_from(all_pairs), max_size=4)) if all_pairs else set()
    return news, mens, policy, forbidden, preferred


@RERUN_SETTINGS
@given(rerun_case())
def test_rerun_serves_waiting_times_exactly_as_a_fresh_run(case):
    """Kept proposals never cost a longer waiter their place: at every waiting level the
    re-run matches as many of those who waited at least that long as a fresh run does."""
    news, mens, policy, forbidden, preferred = case
    if near_boundary(news, mens, policy):
        return
    fresh = engine.match(news, mens, policy, forbidden=forbidden)
    rerun = engine.match(news, mens, policy, forbidden=forbidden, preferred=preferred)
    assert served_from_each_level(rerun, news) == served_from_each_level(fresh, news)
    assert rerun.matched == fresh.matched


@RERUN_SETTINGS
@given(rerun_case())
def test_rerun_keeps_as_many_earlier_proposals_as_fairness_allows(case):
    """Brute force over every assignment: the re-run reaches the best (priority, kept pairs,
    score) there is, so it changes as few earlier proposals as possible."""
    news, mens, policy, forbidden, preferred = case
    if near_boundary(news, mens, policy):
        return
    result = engine.match(news, mens, policy, forbidden=forbidden, preferred=preferred)
    scores = pair_scores(news, mens, policy)
    _, free, used = residual(news, mens, result)
    options = [
        [None]
        + [
            mt.id
            for mt in mens
            if breaks_rule(nc, mt, policy, forbidden, tolerance=-1e-6) is None and free[mt.id] > 0
        ]
        for nc in news
    ]

    def value(assign):
        primary, secondary = lexicographic(assign, news, mens, policy, scores, used)
        kept = sum(1 for pair in assign.items() if pair in preferred)
        return primary, kept, secondary

    best = None
    for choice in itertools.product(*options):
        load = {}
        for b in choice:
            if b is not None:
                load[b] = load.get(b, 0) + 1
        if any(load[b] > free[b] for b in load):
            continue
        assign = {nc.id: b for nc, b in zip(news, choice, strict=True) if b is not None}
        best = value(assign) if best is None else max(best, value(assign))
    got = value({p.newcomer_id: p.mentor_id for p in result.proposals})
    assert got == best
    assert {(p.newcomer_id, p.mentor_id) for p in result.proposals if p.kept} == {
        (p.newcomer_id, p.mentor_id) for p in result.proposals
    } & preferred


@RERUN_SETTINGS
@given(instance(), st.randoms(use_true_random=False))
def test_declined_pairs_never_reappear(case, rnd):
    """Run, let some proposals be declined (the pair is excluded and the newcomer first in
    line, as the models do), re-run with the rest preferred, three times over."""
    news, mens, policy, _, forbidden = case
    excluded = set(policy.excluded_pairs)
    declined: set = set()
    result = engine.match(news, mens, policy, forbidden=forbidden)
    for _round in range(3):
        proposals = [(p.newcomer_id, p.mentor_id) for p in result.proposals]
        now_declined = {pair for pair in proposals if rnd.random() < 0.5}
        declined |= now_declined
        excluded |= now_declined
        first = {a for a, _ in now_declined}
        news = [
            Newcomer(**{**p.__dict__, "first_in_line": p.first_in_line or p.id in first})
            for p in news
        ]
        policy = Policy(
            **{**policy.__dict__, "excluded_pairs": frozenset(excluded)},
        )
        result = engine.match(
            news,
            mens,
            policy,
            forbidden=forbidden,
            preferred=set(proposals) - now_declined,
        )
        assert not {(p.newcomer_id, p.mentor_id) for p in result.proposals} & declined


@SETTINGS
@given(instance(), st.randoms(use_true_random=False))
def test_duplicate_ids_never_make_the_result_depend_on_order(case, rnd):
    news, mens, policy, locked, forbidden = case
    if not news or not mens:
        return
    twin = Newcomer(**{**news[0].__dict__, "waiting_days": news[0].waiting_days + 9})
    copy = Mentor(**{**mens[0].__dict__})
    with_twins = [*news, twin]
    with_copies = [*mens, copy]
    first = engine.match(with_twins, with_copies, policy, locked=locked, forbidden=forbidden)
    rnd.shuffle(with_twins)
    rnd.shuffle(with_copies)
    second = engine.match(with_twins, with_copies, policy, locked=locked, forbidden=forbidden)
    assert first.proposals == second.proposals
    assert first.unmatched_newcomers == second.unmatched_newcomers
    # the conflicting newcomer is left out and named; the identical mentor copy is merged
    assert news[0].id not in {p.newcomer_id for p in first.proposals}
    assert [(i.code, i.newcomer_id) for i in first.issues if i.code == "duplicate_id"] == [
        ("duplicate_id", news[0].id)
    ]
