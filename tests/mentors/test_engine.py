"""The engine on hand-made cases: bad input explained, explanations, top five, baseline."""

import time

from mentors import engine
from mentors.engine import Mentor, Newcomer, Policy
from mentors.synthetic import generate

JAKOBSBERG = {"latitude": 59.4236, "longitude": 17.8340}
KALLHALL = {"latitude": 59.4517, "longitude": 17.8067}  # about 3.5 km from Jakobsberg
SODERTALJE = {"latitude": 59.1955, "longitude": 17.6253}  # about 27 km away


def amina(**extra):
    base = {
        "id": "amina",
        "languages": {"ar": 5, "sv": 2},
        "gender": "female",
        "availability": frozenset({"tue_evening"}),
        "waiting_days": 30,
        **JAKOBSBERG,
    }
    return Newcomer(**{**base, **extra})


def eva(**extra):
    base = {
        "id": "eva",
        "languages": {"sv": 5, "en": 4},
        "gender": "female",
        "availability": frozenset({"tue_evening", "sat_morning"}),
        "capacity": 1,
        **KALLHALL,
    }
    return Mentor(**{**base, **extra})


POLICY = Policy(min_language_level=2, max_distance_km=10)


def test_a_simple_pair_with_breakdown_and_top_three():
    result = engine.match([amina()], [eva()], POLICY)
    (proposal,) = result.proposals
    assert (proposal.newcomer_id, proposal.mentor_id) == ("amina", "eva")
    assert abs(sum(proposal.breakdown.values()) - proposal.score) < 1e-9
    assert len(proposal.top_criteria) == 3
    assert proposal.top_criteria[0] in ("availability", "distance")
    assert 3 < proposal.distance_km < 4


def test_policy_with_no_feasible_pair_is_explained():
    policy = Policy(min_language_level=5, max_distance_km=10)
    result = engine.match([amina()], [eva()], policy)
    assert result.proposals == []
    assert [i.code for i in result.issues] == ["no_feasible_pair"]
    (why,) = result.unmatched_newcomers
    assert why.reason == "no_feasible"
    assert why.excluded_by["language"] == 1


def test_newcomer_without_language_is_explained():
    result = engine.match([amina(languages={})], [eva()], POLICY)
    codes = [i.code for i in result.issues]
    assert "newcomer_without_language" in codes
    assert result.unmatched_newcomers[0].excluded_by["language"] == 1


def test_capacity_zero_is_explained_and_never_used():
    result = engine.match([amina()], [eva(capacity=0)], POLICY)
    assert result.proposals == []
    assert "zero_capacity" in [i.code for i in result.issues]
    (why,) = result.unmatched_newcomers
    assert why.reason == "candidates_full"
    assert why.best_candidate == "eva"


def test_two_locks_on_a_full_mentor_keep_the_longest_waiting():
    sara = amina(id="sara", waiting_days=200)
    result = engine.match(
        [amina(), sara], [eva()], POLICY, locked={("amina", "eva"), ("sara", "eva")}
    )
    assert [(p.newcomer_id, p.locked) for p in result.proposals] == [("sara", True)]
    (issue,) = [i for i in result.issues if i.code == "lock_over_capacity"]
    assert issue.newcomer_id == "amina"
    (why,) = result.unmatched_newcomers
    assert why.id == "amina" and why.reason == "lock_conflict"


def test_locked_and_forbidden_pair_is_not_proposed():
    result = engine.match(
        [amina()], [eva()], POLICY, locked={("amina", "eva")}, forbidden={("amina", "eva")}
    )
    assert result.proposals == []
    assert "lock_forbidden" in [i.code for i in result.issues]


def test_lock_that_breaks_a_rule_is_kept_with_a_warning():
    far = eva(id="far", **SODERTALJE)
    result = engine.match([amina()], [far], POLICY, locked={("amina", "far")})
    assert result.proposals[0].locked
    (issue,) = [i for i in result.issues if i.code == "lock_breaks_rule"]
    assert "distance" in issue.detail


def test_capacity_conflict_names_who_got_the_best_candidate():
    long_waiter = amina(id="sara", waiting_days=300)
    result = engine.match([amina(), long_waiter], [eva()], POLICY)
    assert [p.newcomer_id for p in result.proposals] == ["sara"]
    (why,) = result.unmatched_newcomers
    assert why.reason == "capacity_conflict"
    assert why.best_candidate == "eva"
    assert why.taken_by == ("sara",)
    assert why.taken_by_waited_longer


def test_gender_preference_is_a_hard_rule():
    result = engine.match([amina(mentor_gender="female")], [eva(gender="male")], POLICY)
    assert result.proposals == []
    assert result.unmatched_newcomers[0].excluded_by["gender"] == 1
    relaxed = Policy(min_language_level=2, max_distance_km=10, respect_gender_preference=False)
    assert engine.match([amina(mentor_gender="female")], [eva(gender="male")], relaxed).matched == 1


def test_maximum_matched_beats_best_score_first():
    # Greedy by score gives Eva to Amina (better score) and leaves Sara alone;
    # the optimum matches both.
    sara = amina(id="sara", languages={"sv": 2}, waiting_days=30)
    eva_ = eva(languages={"sv": 5, "ar": 5})
    bo = Mentor(
        id="bo",
        languages={"ar": 4},
        gender="female",
        availability=frozenset({"tue_evening"}),
        **KALLHALL,
    )
    result = engine.match([amina(), sara], [eva_, bo], POLICY)
    assert result.matched == 2
    baseline, _ = engine.greedy([amina(), sara], [eva_, bo], POLICY, order="score")
    assert len(baseline) == 1


def test_second_slot_costs_points_so_load_spreads():
    two = eva(capacity=2)
    other = eva(id="lena")
    sara = amina(id="sara")
    result = engine.match([amina(), sara], [two, other], POLICY)
    assert {p.mentor_id for p in result.proposals} == {"eva", "lena"}


def test_top_five_sorted_and_fast_with_5000_mentors():
    population = generate(10, 5000, seed=3)
    policy = Policy(min_language_level=2, max_distance_km=8)
    pool = engine.CandidatePool(population.mentors, policy)
    started = time.perf_counter()
    found = pool.top(population.newcomers[0])
    elapsed = time.perf_counter() - started
    assert elapsed < 0.1
    assert len(found.candidates) == 5
    scores = [c.score for c in found.candidates]
    assert scores == sorted(scores, reverse=True)
    assert found.considered == 5000
    assert sum(found.excluded_by.values()) <= 5000
    same = engine.top_candidates(population.newcomers[0], population.mentors, policy)
    assert same.candidates == found.candidates


def test_optimal_matches_at_least_as_many_as_greedy():
    population = generate(300, 200, seed=5)
    policy = Policy(min_language_level=2, max_distance_km=8)
    result = engine.match(population.newcomers, population.mentors, policy)
    for order in ("waiting", "score"):
        baseline, _ = engine.greedy(population.newcomers, population.mentors, policy, order=order)
        assert result.matched >= len(baseline)


def test_empty_input():
    result = engine.match([], [], POLICY)
    assert result.proposals == [] and result.issues == []


def test_progress_is_reported_by_stage():
    population = generate(40, 30, seed=2)
    seen = []
    engine.match(
        population.newcomers, population.mentors, POLICY, progress=lambda s, f: seen.append((s, f))
    )
    stages = [s for s, _ in seen]
    assert stages[0] == "prune" and stages[-2:] == ["score", "solve"]
    fractions = [f for s, f in seen if s == "prune"]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
