"""The kompis matching engine: pure Python, numpy and scipy; no Django.

Input: newcomer and mentor records, a policy, locked and forbidden pairs.
Output: one globally optimal set of proposals, each with a per-criterion score breakdown,
an explanation for every person left unmatched, and a list of issues (contradictions in the
input) instead of exceptions.

How it works, in order:

1. Encoding. Every person becomes a row of small integers: language levels, bit sets for
   languages (at the policy's minimum level), interests and time slots, a 3-D unit vector for
   the location, codes for gender, profession, sector and household.
2. Pruning before scoring. Newcomers are processed in chunks against all mentors. The cheapest
   hard rule (a shared language, one AND of two 64-bit words) runs on the full chunk grid; every
   following rule (distance, gender preference, common time slot, excluded and forbidden pairs)
   runs only on the pairs that survived. Each rule counts the pairs it removed, so the run can
   say which rule excluded how many candidates.
3. Scoring, in the same chunks, only on feasible pairs, vectorised: every criterion gives a
   value in [0, 1]; the weights turn them into points (0-100 for a pair) kept in hundredths as
   integers (int16 per pair), so that the breakdown always adds up to the score exactly.
4. One global assignment. Mentors are expanded into capacity slots; the 2nd and 3rd slot cost
   points to spread the load. The objective is lexicographic -- first the priority of the
   newcomers matched (first in line after a decline, then waiting time in whole days, longest
   first), then, in a re-run, the number of earlier proposals kept, then the total score -- and
   is encoded exactly in integer weights: the sets of newcomers that can be matched together form
   a transversal matroid, so a weight that only has to respect the *order* of priorities
   suffices, and the optimum matches, for every priority level, as many as possible of those at
   or above it. See ``_solve`` for the encoding, its exactness bound and its memory. scipy's
   sparse Jonker-Volgenant solver (``min_weight_full_bipartite_matching``) finds the optimum.
5. Explanations: for each proposal the newcomer's next option and the criteria on which the
   proposal beats it; for each person left unmatched either every hard rule that excluded each
   candidate (with counts) or the capacity conflict that took their best candidate, naming who
   got it and why (waited longer, first in line, locked, or waited exactly as long).

The same input always gives the same output whatever its order: records are sorted by id
before encoding, an id given twice with different details is left out (an issue says so), and
the solver is deterministic.
"""

from __future__ import annotations

import math
import time
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.sparse import csr_array
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

CRITERIA = (
    "language",
    "distance",
    "interests",
    "profession",
    "age",
    "household",
    "availability",
)

# Hard rules in the order used to attribute an excluded pair to the first rule it fails.
RULES = ("distance", "language", "gender", "time_slot", "excluded", "forbidden", "capacity")

DEFAULT_WEIGHTS = {
    "language": 3.0,
    "distance": 2.0,
    "interests": 2.0,
    "profession": 1.0,
    "age": 1.0,
    "household": 0.5,
    "availability": 1.5,
}

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PARTS = ("morning", "afternoon", "evening")
SLOTS = tuple(f"{day}_{part}" for day in DAYS for part in PARTS)

EARTH_RADIUS_KM = 6371.0088
SCALE = 100  # scores are kept in hundredths of a point
MAX_POINTS = 100 * SCALE
MAX_SLOT_COST = 100.0  # points; the largest cost of a mentor's 2nd, 3rd, ... newcomer
# Every cost handed to the float64 solver, and every potential and path length it derives
# from them, must stay an exact integer: below 2**53 with a wide margin (see ``_solve``).
_EXACT = 2**49
_CHUNK_CELLS = 2_000_000  # newcomer-chunk x mentors cells evaluated at once during pruning

Id = Hashable


# --------------------------------------------------------------------------------------
# Records, policy and results
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Newcomer:
    """What the engine needs to know about a newcomer.

    ``availability`` holds slot codes such as ``"mon_evening"``; an empty set means "any time".
    ``mentor_gender`` is a hard rule when not empty. ``first_in_line`` (after a declined match)
    ranks above every waiting time.
    """

    id: Id
    languages: Mapping[str, int] = field(default_factory=dict)
    latitude: float | None = None
    longitude: float | None = None
    district: str = ""
    gender: str = ""
    birth_year: int | None = None
    household: str = ""
    interests: frozenset[str] = frozenset()
    profession: str = ""
    sector: str = ""
    availability: frozenset[str] = frozenset()
    mentor_gender: str = ""
    waiting_days: int = 0
    first_in_line: bool = False
    label: str = ""


@dataclass(frozen=True)
class Mentor:
    """A volunteer mentor. ``capacity`` is the total number of newcomers (0-3); ``active`` the
    matches already running outside this run, which use up capacity and slot costs."""

    id: Id
    languages: Mapping[str, int] = field(default_factory=dict)
    latitude: float | None = None
    longitude: float | None = None
    district: str = ""
    gender: str = ""
    birth_year: int | None = None
    household: str = ""
    interests: frozenset[str] = frozenset()
    profession: str = ""
    sector: str = ""
    availability: frozenset[str] = frozenset()
    newcomer_gender: str = ""
    capacity: int = 1
    active: int = 0
    label: str = ""


@dataclass(frozen=True)
class Policy:
    """Hard rules and soft weights. ``max_distance_km=None`` switches the distance rule off.

    Checked when made (``ValueError`` otherwise): the minimum language level is 1-5, the
    distance and every weight are finite and not negative, and the slot costs lie between 0
    and ``MAX_SLOT_COST`` points. The bound on slot costs is what keeps the waiting-time
    priority exact (see ``_solve``): without it a cost large enough would outweigh a whole
    waiting level."""

    min_language_level: int = 3
    max_distance_km: float | None = 15.0
    respect_gender_preference: bool = True
    require_common_slot: bool = True
    excluded_pairs: frozenset[tuple[Id, Id]] = frozenset()
    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    second_slot_cost: float = 10.0
    third_slot_cost: float = 25.0
    version: int | None = None

    def __post_init__(self):
        problems = []
        if not 1 <= int(self.min_language_level) <= 5:
            problems.append("min_language_level must be 1-5")
        if self.max_distance_km is not None and not (
            math.isfinite(self.max_distance_km) and self.max_distance_km >= 0
        ):
            problems.append("max_distance_km must be a finite number >= 0 or None")
        for name, value in (self.weights or {}).items():
            if name not in CRITERIA:
                problems.append(f"unknown criterion {name!r}")
            elif not (math.isfinite(float(value)) and float(value) >= 0):
                problems.append(f"weight {name!r} must be a finite number >= 0")
        for name in ("second_slot_cost", "third_slot_cost"):
            value = float(getattr(self, name))
            if not (math.isfinite(value) and 0 <= value <= MAX_SLOT_COST):
                problems.append(f"{name} must be between 0 and {MAX_SLOT_COST:g} points")
        if problems:
            raise ValueError("invalid matching policy: " + "; ".join(problems))

    def slot_costs(self, count: int) -> list[int]:
        """Cost in hundredths of a point of slot 0, 1, 2, ... of one mentor (capped at
        ``MAX_SLOT_COST`` points, so the cost of any slot is known in advance)."""
        second = round(self.second_slot_cost * SCALE)
        third = max(second, round(self.third_slot_cost * SCALE))
        costs = [0, second, third]
        while len(costs) < count:
            costs.append(min(MAX_SLOT_COST * SCALE, costs[-1] + max(third - second, SCALE)))
        return [int(c) for c in costs[:count]]


@dataclass(frozen=True)
class Proposal:
    newcomer_id: Id
    mentor_id: Id
    score: float
    breakdown: dict[str, float]
    top_criteria: tuple[str, ...]
    locked: bool = False
    slot: int = 0
    distance_km: float | None = None
    kept: bool = False  # the pair was preferred (kept from an earlier run) and stayed
    # The newcomer's next option: the best other mentor who passes the hard rules, its score,
    # and the criteria on which this pair beats it, largest difference first (points).
    runner_up: Id | None = None
    runner_up_score: float | None = None
    advantages: tuple[tuple[str, float], ...] = ()

    def as_dict(self) -> dict:
        return {
            "newcomer": self.newcomer_id,
            "mentor": self.mentor_id,
            "score": self.score,
            "breakdown": self.breakdown,
            "top_criteria": list(self.top_criteria),
            "locked": self.locked,
            "slot": self.slot,
            "distance_km": self.distance_km,
            "kept": self.kept,
            "runner_up": self.runner_up,
            "runner_up_score": self.runner_up_score,
            "advantages": [list(a) for a in self.advantages],
        }


@dataclass(frozen=True)
class Unmatched:
    """Why a person got no proposal.

    ``reason`` is one of:
    - ``"no_feasible"``: every candidate failed a hard rule;
    - ``"capacity_conflict"``: candidates with a free place existed, but ``best_candidate``
      went to ``taken_by``; ``taken_by_waited_longer`` says whether one of them waited more
      days, ``taken_by_first_in_line`` whether one was first in line after a decline;
    - ``"candidates_full"``: candidates existed, but all were full before this run (running
      matches, locked pairs -- named in ``taken_by`` -- or capacity 0);
    - ``"lock_conflict"``: the person's lock could not be kept (see the issues).

    ``candidates`` counts the partners who pass every hard rule and had a free place when the
    run began (``full_candidates`` those who passed the rules but were already full). For a
    newcomer, ``excluded_by`` counts every other candidate under *each* hard rule it fails (a
    mentor too far away and without a shared language counts under both); for a mentor, under
    the first rule it fails, in the order of ``RULES``.
    """

    kind: str  # "newcomer" or "mentor"
    id: Id
    reason: str
    candidates: int
    excluded_by: dict[str, int]
    best_candidate: Id | None = None
    best_score: float | None = None
    taken_by: tuple[Id, ...] = ()
    taken_by_waited_longer: bool = False
    taken_by_first_in_line: bool = False
    taken_by_locked: bool = False
    full_candidates: int = 0

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "id": self.id,
            "reason": self.reason,
            "candidates": self.candidates,
            "excluded_by": self.excluded_by,
            "best_candidate": self.best_candidate,
            "best_score": self.best_score,
            "taken_by": list(self.taken_by),
            "taken_by_waited_longer": self.taken_by_waited_longer,
            "taken_by_first_in_line": self.taken_by_first_in_line,
            "taken_by_locked": self.taken_by_locked,
            "full_candidates": self.full_candidates,
        }


@dataclass(frozen=True)
class Issue:
    """A contradiction or gap in the input, explained instead of raised.

    Codes: ``lock_over_capacity``, ``lock_forbidden``, ``lock_duplicate``, ``lock_unknown``,
    ``lock_breaks_rule``, ``no_feasible_pair``, ``newcomer_without_language``,
    ``mentor_without_language``, ``zero_capacity``, ``duplicate_id``, ``no_weights``,
    ``preference_dropped``. ``detail`` is English for logs and the JSON output; ``data`` holds
    the values an interface needs to say the same in the reader's language.
    """

    code: str
    newcomer_id: Id | None = None
    mentor_id: Id | None = None
    detail: str = ""
    data: Mapping = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "newcomer": self.newcomer_id,
            "mentor": self.mentor_id,
            "detail": self.detail,
            "data": dict(self.data),
        }


@dataclass
class MatchResult:
    proposals: list[Proposal]
    unmatched_newcomers: list[Unmatched]
    unmatched_mentors: list[Unmatched]
    issues: list[Issue]
    feasible_pairs: int
    excluded_pairs: dict[str, int]
    objective: int  # exact lexicographic objective (see module docstring)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def matched(self) -> int:
        return len(self.proposals)

    @property
    def total_score(self) -> float:
        return round(sum(p.score for p in self.proposals), 2)

    def as_dict(self) -> dict:
        return {
            "proposals": [p.as_dict() for p in self.proposals],
            "unmatched_newcomers": [u.as_dict() for u in self.unmatched_newcomers],
            "unmatched_mentors": [u.as_dict() for u in self.unmatched_mentors],
            "issues": [i.as_dict() for i in self.issues],
            "feasible_pairs": self.feasible_pairs,
            "excluded_pairs": self.excluded_pairs,
            "matched": self.matched,
            "total_score": self.total_score,
        }


@dataclass(frozen=True)
class Candidate:
    id: Id
    score: float
    breakdown: dict[str, float]
    top_criteria: tuple[str, ...]
    distance_km: float | None = None


@dataclass(frozen=True)
class CandidateList:
    person_id: Id
    candidates: list[Candidate]
    considered: int
    excluded_by: dict[str, int]


# --------------------------------------------------------------------------------------
# Encoding
# --------------------------------------------------------------------------------------


def _sort_key(value: Id):
    return (type(value).__name__, value)


def _bits(sets: Sequence[Iterable[str]], vocab: Mapping[str, int], words: int) -> np.ndarray:
    out = np.zeros((len(sets), words), dtype=np.uint64)
    for row, items in enumerate(sets):
        for item in items:
            pos = vocab.get(item)
            if pos is not None:
                out[row, pos >> 6] |= np.uint64(1) << np.uint64(pos & 63)
    return out


class _Side:
    """Encoded arrays for one side (newcomers or mentors)."""

    def __init__(self, people: Sequence, vocab: _Vocabulary, policy: Policy):
        self.people = people
        self.ids = [p.id for p in people]
        n = len(people)
        self.n = n
        min_level = max(1, int(policy.min_language_level))
        self.levels = np.zeros((n, len(vocab.languages)), dtype=np.int8)
        for row, person in enumerate(people):
            for code, level in (person.languages or {}).items():
                pos = vocab.languages.get(code)
                if pos is not None:
                    self.levels[row, pos] = max(0, min(5, int(level)))
        usable = self.levels >= min_level
        # The levels that count: those at or above the policy's minimum.
        self.usable_levels = np.where(usable, self.levels, 0).astype(np.int8)
        self.lang_bits = np.zeros((n, vocab.lang_words), dtype=np.uint64)
        for word in range(vocab.lang_words):
            block = usable[:, word * 64 : (word + 1) * 64]
            weights = np.left_shift(np.uint64(1), np.arange(block.shape[1], dtype=np.uint64))
            self.lang_bits[:, word] = (block.astype(np.uint64) * weights).sum(
                axis=1, dtype=np.uint64
            )
        self.has_language = self.levels.max(axis=1, initial=0) > 0

        lat = np.array(
            [p.latitude if p.latitude is not None else np.nan for p in people], dtype=np.float64
        )
        lon = np.array(
            [p.longitude if p.longitude is not None else np.nan for p in people],
            dtype=np.float64,
        )
        self.has_location = ~(np.isnan(lat) | np.isnan(lon))
        rlat, rlon = np.radians(np.nan_to_num(lat)), np.radians(np.nan_to_num(lon))
        self.xyz = np.stack(
            [np.cos(rlat) * np.cos(rlon), np.cos(rlat) * np.sin(rlon), np.sin(rlat)], axis=1
        )
        self.district = np.array([vocab.code("district", p.district) for p in people], np.int32)
        self.gender = np.array([vocab.code("gender", p.gender) for p in people], np.int32)
        self.household = np.array([vocab.code("household", p.household) for p in people], np.int32)
        self.profession = np.array(
            [vocab.code("profession", p.profession) for p in people], np.int32
        )
        self.sector = np.array([vocab.code("sector", p.sector) for p in people], np.int32)
        self.birth_year = np.array([p.birth_year or 0 for p in people], dtype=np.int32)
        self.interests = _bits([p.interests for p in people], vocab.interests, vocab.interest_words)
        slots = _bits([p.availability for p in people], vocab.slots, vocab.slot_words)
        empty = ~slots.any(axis=1)
        slots[empty] = vocab.all_slots  # no availability stated: any time
        self.slots = slots
        # counted from the records, so a person scores the same against any vocabulary
        self.slot_count = np.array(
            [len(set(p.availability)) or len(vocab.slots) for p in people], dtype=np.int32
        )
        self.interest_count = np.array([len(set(p.interests)) for p in people], dtype=np.int32)
        self.wants_gender = np.array(
            [
                vocab.code(
                    "gender", getattr(p, "mentor_gender", "") or getattr(p, "newcomer_gender", "")
                )
                for p in people
            ],
            np.int32,
        )
        _, self.profile, self.profile_levels = _profiles(self.usable_levels)


class _Vocabulary:
    def __init__(self, groups: Sequence[Sequence]):
        everyone = [p for group in groups for p in group]
        self.languages = {
            c: i for i, c in enumerate(sorted({c for p in everyone for c in (p.languages or {})}))
        }
        self.lang_words = max(1, math.ceil(len(self.languages) / 64))
        self.interests = {
            c: i for i, c in enumerate(sorted({c for p in everyone for c in p.interests}))
        }
        self.interest_words = max(1, math.ceil(len(self.interests) / 64))
        slot_codes = list(SLOTS) + sorted(
            {c for p in everyone for c in p.availability} - set(SLOTS)
        )
        self.slots = {c: i for i, c in enumerate(slot_codes)}
        self.slot_words = max(1, math.ceil(len(self.slots) / 64))
        self.all_slots = _bits([slot_codes], self.slots, self.slot_words)[0]
        self._codes: dict[str, dict[str, int]] = {}

    def code(self, kind: str, value: str | None) -> int:
        value = (value or "").strip().casefold()
        if not value:
            return -1
        table = self._codes.setdefault(kind, {})
        return table.setdefault(value, len(table))


# --------------------------------------------------------------------------------------
# Hard rules on pair arrays
# --------------------------------------------------------------------------------------


class _Pairs:
    """Hard rules and scores for arrays of (newcomer row, mentor row) pairs."""

    def __init__(self, new: _Side, men: _Side, policy: Policy, vocab: _Vocabulary):
        self.new, self.men, self.policy = new, men, policy
        self.vocab = vocab
        self.max_km = policy.max_distance_km
        if self.max_km is not None:
            angle = min(math.pi, max(0.0, float(self.max_km)) / EARTH_RADIUS_KM)
            self.min_cos = math.cos(angle)
        self.newcomer_pref = new.wants_gender
        self.mentor_pref = men.wants_gender
        self.excluded_keys = self._keys(policy.excluded_pairs)
        self.forbidden_keys = np.empty(0, dtype=np.int64)
        # Best shared language level for each pair of language profiles (few distinct ones).
        self.shared_level = (
            np.minimum(new.profile_levels[:, None, :], men.profile_levels[None, :, :])
            .max(axis=2, initial=0)
            .astype(np.int8)
        )
        weights = np.array(
            [max(0.0, float(policy.weights.get(c, 0.0))) for c in CRITERIA], dtype=np.float64
        )
        total = weights.sum()
        self.factor = weights / total * MAX_POINTS if total > 0 else np.zeros(len(CRITERIA))

    def _keys(self, pairs: Iterable[tuple[Id, Id]]) -> np.ndarray:
        nrow = {pid: i for i, pid in enumerate(self.new.ids)}
        mrow = {pid: j for j, pid in enumerate(self.men.ids)}
        keys = [nrow[a] * self.men.n + mrow[b] for a, b in pairs if a in nrow and b in mrow]
        return np.unique(np.array(keys, dtype=np.int64))

    # ---- the hard rules, each on arrays of pairs ----

    def cosine(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        a, b = self.new.xyz, self.men.xyz
        return a[i, 0] * b[j, 0] + a[i, 1] * b[j, 1] + a[i, 2] * b[j, 2]

    def distance_ok(self, i, j, cosine=None) -> np.ndarray:
        if self.max_km is None:
            return np.ones(len(i), dtype=bool)
        known = self.new.has_location[i] & self.men.has_location[j]
        if cosine is None:
            cosine = self.cosine(i, j)
        return ~known | (cosine >= self.min_cos)

    def language_ok(self, i, j, cosine=None) -> np.ndarray:
        both = self.new.lang_bits[i] & self.men.lang_bits[j]
        return both.any(axis=-1)

    def gender_ok(self, i, j, cosine=None) -> np.ndarray:
        if not self.policy.respect_gender_preference:
            return np.ones(len(i), dtype=bool)
        npref, mpref = self.newcomer_pref[i], self.mentor_pref[j]
        return ((npref < 0) | (npref == self.men.gender[j])) & (
            (mpref < 0) | (mpref == self.new.gender[i])
        )

    def slot_ok(self, i, j, cosine=None) -> np.ndarray:
        if not self.policy.require_common_slot:
            return np.ones(len(i), dtype=bool)
        return (self.new.slots[i] & self.men.slots[j]).any(axis=-1)

    def not_excluded(self, i, j, cosine=None) -> np.ndarray:
        return _not_in(self.excluded_keys, i, j, self.men.n)

    def not_forbidden(self, i, j, cosine=None) -> np.ndarray:
        return _not_in(self.forbidden_keys, i, j, self.men.n)

    def checks(self):
        """The hard rules in the order of RULES, capacity aside."""
        return (
            self.distance_ok,
            self.language_ok,
            self.gender_ok,
            self.slot_ok,
            self.not_excluded,
            self.not_forbidden,
        )

    def first_failed_rule(self, i: np.ndarray, j: np.ndarray, free: np.ndarray) -> np.ndarray:
        """Index into RULES of the first rule each pair fails, or -1 if it passes them all.
        ``free`` is the mentors' free capacity (the last rule)."""
        out = np.full(len(i), -1, dtype=np.int8)
        alive = np.ones(len(i), dtype=bool)
        checks = (*self.checks(), lambda a, b, c=None: free[b] > 0)
        for code, check in enumerate(checks):
            idx = np.flatnonzero(alive)
            if not len(idx):
                break
            failed = idx[~check(i[idx], j[idx])]
            out[failed] = code
            alive[failed] = False
        return out

    # ---- pruning ----

    def _blocks(self):
        """Yield (newcomer rows, candidate mentor rows): a spatial grid when the distance rule
        is on, so far-away pairs are never even formed; everyone else against everyone."""
        new, men = self.new, self.men
        everyone = np.arange(men.n, dtype=np.int32)
        known_n = new.has_location
        known_m = men.has_location
        lat = np.concatenate(
            [np.degrees(np.arcsin(new.xyz[known_n, 2])), np.degrees(np.arcsin(men.xyz[known_m, 2]))]
        )
        use_grid = (
            self.max_km is not None
            and self.max_km > 0
            and len(lat)
            and (lat.max() - lat.min()) < 5
            and abs(lat).max() < 80
        )
        if use_grid:
            lon_all = np.degrees(
                np.arctan2(
                    np.concatenate([new.xyz[known_n, 1], men.xyz[known_m, 1]]),
                    np.concatenate([new.xyz[known_n, 0], men.xyz[known_m, 0]]),
                )
            )
            use_grid = (lon_all.max() - lon_all.min()) < 10
        if not use_grid:
            for rows in _row_chunks(np.arange(new.n, dtype=np.int32), men.n):
                yield rows, everyone
            return
        # Cells a little larger than the maximum distance; x uses the smallest cos(latitude)
        # so planar distances never exceed true ones: a pair within reach is always in the same
        # or a neighbouring cell (the exact test follows).
        cos_min = math.cos(math.radians(abs(lat).max()))
        size = float(self.max_km) * 1.02 + 1e-6

        def cells(side: _Side):
            rlat = np.arcsin(np.clip(side.xyz[:, 2], -1, 1))
            rlon = np.arctan2(side.xyz[:, 1], side.xyz[:, 0])
            cx = np.floor(EARTH_RADIUS_KM * rlon * cos_min / size).astype(np.int64)
            cy = np.floor(EARTH_RADIUS_KM * rlat / size).astype(np.int64)
            return cx, cy

        ncx, ncy = cells(new)
        mcx, mcy = cells(men)
        homeless_m = np.flatnonzero(~known_m).astype(np.int32)
        by_cell: dict[tuple[int, int], list[int]] = {}
        for j in np.flatnonzero(known_m).tolist():
            by_cell.setdefault((int(mcx[j]), int(mcy[j])), []).append(j)
        by_cell_arr = {k: np.array(v, dtype=np.int32) for k, v in by_cell.items()}
        groups: dict[tuple[int, int], list[int]] = {}
        for i in np.flatnonzero(known_n).tolist():
            groups.setdefault((int(ncx[i]), int(ncy[i])), []).append(i)
        for (cx, cy), members in sorted(groups.items()):
            near = [
                by_cell_arr[(cx + dx, cy + dy)]
                for dx in (-1, 0, 1)
                for dy in (-1, 0, 1)
                if (cx + dx, cy + dy) in by_cell_arr
            ]
            cand = np.sort(np.concatenate([*near, homeless_m])) if near else homeless_m
            for rows in _row_chunks(np.array(members, dtype=np.int32), len(cand)):
                yield rows, cand
        homeless_n = np.flatnonzero(~known_n).astype(np.int32)
        for rows in _row_chunks(homeless_n, men.n):
            yield rows, everyone

    def feasible(self, progress=None):
        """All pairs that pass the hard rules (capacity aside), pruned rule by rule, and
        scored chunk by chunk so no wide intermediate outlives its chunk.

        Returns newcomer rows (int32), mentor rows (int32) and scores in hundredths (int16,
        at most ``MAX_POINTS``) of the feasible pairs, plus the number of candidates each rule
        excluded per newcomer (N x rules) and per mentor (M x rules), each pair counted under
        the first rule it fails. All pairs of one newcomer are adjacent in the output (every
        newcomer belongs to exactly one block), which ``_solve`` uses to build its sparse
        matrix without sorting.
        """
        new, men = self.new, self.men
        per_new = np.zeros((new.n, len(RULES)), dtype=np.int64)
        per_men = np.zeros((men.n, len(RULES)), dtype=np.int64)
        out_i, out_j, out_s = [], [], []
        examined_m = np.zeros(men.n, dtype=np.int64)
        checks = self.checks()
        done, reported = 0, -1
        for rows, cand in self._blocks():
            done += len(rows)
            if progress is not None and new.n and (percent := 100 * done // new.n) > reported:
                reported = percent
                progress("prune", percent / 100)
            # pairs not formed at all (far-away cells) count as excluded by distance
            per_new[rows, 0] += men.n - len(cand)
            examined_m[cand] += len(rows)
            if not len(rows) or not len(cand):
                continue
            width = len(cand)
            pos = np.arange(len(rows) * width, dtype=np.int64)
            ii = np.repeat(rows, width)
            jj = np.tile(cand, len(rows))
            cos = self.cosine(ii, jj)
            for code, check in enumerate(checks):
                keep = check(ii, jj, cos)
                if not keep.all():
                    drop = pos[~keep]
                    # counted on the chunk's own small index ranges, never stored
                    per_new[rows, code] += np.bincount(drop // width, minlength=len(rows))
                    per_men[cand, code] += np.bincount(drop % width, minlength=width)
                    ii, jj, cos, pos = ii[keep], jj[keep], cos[keep], pos[keep]
            del pos
            score, _, _ = self.scores(ii, jj, cos)
            out_i.append(ii)
            out_j.append(jj)
            out_s.append(score.astype(np.int16))
        per_men[:, 0] += new.n - examined_m
        if not out_i:
            empty = np.empty(0, dtype=np.int32)
            return empty, empty, np.empty(0, dtype=np.int16), per_new, per_men
        # one list at a time, so at most one extra copy is alive
        ei = np.concatenate(out_i).astype(np.int32, copy=False)
        del out_i
        ej = np.concatenate(out_j).astype(np.int32, copy=False)
        del out_j
        es = np.concatenate(out_s)
        del out_s
        return ei, ej, es, per_new, per_men

    def every_rule(self, rows: np.ndarray) -> np.ndarray:
        """For newcomer ``rows``: how many mentors fail each hard rule (capacity aside),
        every mentor counted under each rule it fails (rows x RULES)."""
        counts = np.zeros((len(rows), len(RULES)), dtype=np.int64)
        everyone = np.arange(self.men.n, dtype=np.int32)
        start = 0
        for chunk in _row_chunks(np.asarray(rows, dtype=np.int32), self.men.n):
            ii = np.repeat(chunk, self.men.n)
            jj = np.tile(everyone, len(chunk))
            cos = self.cosine(ii, jj)
            local = np.repeat(np.arange(len(chunk)), self.men.n)
            for code, check in enumerate(self.checks()):
                failed = local[~check(ii, jj, cos)]
                counts[start : start + len(chunk), code] = np.bincount(failed, minlength=len(chunk))
            start += len(chunk)
        return counts

    # ---- scores ----

    def values(self, i, j, cosine=None):
        """Criterion values in [0, 1], one array per criterion (CRITERIA order), and km."""
        new, men = self.new, self.men
        if cosine is None:
            cosine = self.cosine(i, j)
        out = []
        # language: the best level both speak among languages at the minimum level
        out.append(self.shared_level[self.new.profile[i], self.men.profile[j]] / 5.0)
        # distance: 1 next door, 0 at the maximum distance (or 30 km without one)
        known = new.has_location[i] & men.has_location[j]
        km = EARTH_RADIUS_KM * np.arccos(np.clip(cosine, -1.0, 1.0))
        km[~known] = np.nan
        reference = float(self.max_km) if self.max_km else 30.0
        dist = np.clip(1.0 - km / max(reference, 1e-9), 0.0, 1.0)
        if not known.all():
            same = (new.district[i] >= 0) & (new.district[i] == men.district[j])
            dist[~known] = np.where(same[~known], 0.75, 0.5)
        out.append(dist)
        # interests: shared interests relative to the shorter list
        both = np.bitwise_count(new.interests[i] & men.interests[j]).sum(axis=1)
        shorter = np.minimum(new.interest_count[i], men.interest_count[j])
        out.append(both / np.maximum(shorter, 1))
        # profession: same profession 1, same sector 0.5
        same_prof = (new.profession[i] >= 0) & (new.profession[i] == men.profession[j])
        same_sector = (new.sector[i] >= 0) & (new.sector[i] == men.sector[j])
        out.append(np.where(same_prof, 1.0, same_sector * 0.5))
        # age: closeness of birth years; 40 years apart is 0; unknown 0.5
        by_n, by_m = new.birth_year[i], men.birth_year[j]
        age = np.clip(1.0 - np.abs(by_n - by_m) / 40.0, 0.0, 1.0)
        age[(by_n <= 0) | (by_m <= 0)] = 0.5
        out.append(age)
        # household: the same kind of household; unknown 0.5
        h_n, h_m = new.household[i], men.household[j]
        household = (h_n == h_m).astype(np.float64)
        household[(h_n < 0) | (h_m < 0)] = 0.5
        out.append(household)
        # availability: shared slots relative to the shorter list
        common = np.bitwise_count(new.slots[i] & men.slots[j]).sum(axis=1)
        out.append(common / np.maximum(np.minimum(new.slot_count[i], men.slot_count[j]), 1))
        return out, km

    def scores(self, i, j, cosine=None, breakdown: bool = False):
        """Total points in hundredths (int64) and km; with ``breakdown`` also the per-criterion
        points (E x criteria, int32) that add up to the total exactly."""
        values, km = self.values(i, j, cosine)
        total = np.zeros(len(i), dtype=np.int64)
        points = np.zeros((len(i), len(CRITERIA)), dtype=np.int32) if breakdown else None
        for c, value in enumerate(values):
            if self.factor[c] <= 0:
                continue
            column = np.rint(value * self.factor[c]).astype(np.int64)
            total += column
            if breakdown:
                points[:, c] = column
        return total, km, points


def _profiles(levels: np.ndarray):
    if len(levels) == 0:
        return levels, np.zeros(0, dtype=np.int32), np.zeros((0, levels.shape[1]), np.int8)
    unique, inverse = np.unique(levels, axis=0, return_inverse=True)
    return levels, inverse.reshape(-1).astype(np.int32), unique


def _not_in(keys: np.ndarray, i, j, width: int) -> np.ndarray:
    if not len(keys):
        return np.ones(len(i), dtype=bool)
    return ~np.isin(i.astype(np.int64) * width + j, keys)


def _row_chunks(rows: np.ndarray, width: int):
    step = max(1, _CHUNK_CELLS // max(width, 1))
    for start in range(0, len(rows), step):
        yield rows[start : start + step]


# --------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------


def _breakdown(points_row: np.ndarray) -> tuple[dict[str, float], tuple[str, ...]]:
    breakdown = {c: int(points_row[k]) / SCALE for k, c in enumerate(CRITERIA)}
    order = sorted(range(len(CRITERIA)), key=lambda k: (-int(points_row[k]), k))
    top = tuple(CRITERIA[k] for k in order[:3] if points_row[k] > 0)
    return breakdown, top


def _dedupe(people: Iterable, kind: str, issues: list[Issue]) -> list:
    """One record per id. Identical copies are merged; different records under one id are
    all left out (with an issue), so the result never depends on the order of the input."""
    by_id: dict = {}
    for person in people:
        by_id.setdefault(person.id, []).append(person)
    kept = []
    for pid in sorted(by_id, key=_sort_key):
        copies = by_id[pid]
        if all(c == copies[0] for c in copies[1:]):
            kept.append(copies[0])
            continue
        issues.append(
            Issue(
                "duplicate_id",
                newcomer_id=pid if kind == "newcomer" else None,
                mentor_id=pid if kind == "mentor" else None,
                detail=f"{kind} {pid!r} appears {len(copies)} times with different details; "
                "left out of this run",
                data={"copies": len(copies)},
            )
        )
    return kept


def _priority_levels(newcomers: Sequence[Newcomer]) -> np.ndarray:
    """Dense rank of priority (0 = lowest): first in line after a decline above everyone,
    then waiting time in whole days, longest first."""
    days = np.array([max(0, int(p.waiting_days)) for p in newcomers], dtype=np.int64)
    first = np.array([bool(p.first_in_line) for p in newcomers], dtype=bool)
    key = days + first * (days.max(initial=0) + 1)
    _, levels = np.unique(key, return_inverse=True)
    return levels.reshape(-1).astype(np.int64)


# --------------------------------------------------------------------------------------
# The engine
# --------------------------------------------------------------------------------------


def _prepare(newcomers, mentors, policy, issues):
    new_people = _dedupe(newcomers, "newcomer", issues)
    men_people = _dedupe(mentors, "mentor", issues)
    vocab = _Vocabulary([new_people, men_people])
    new = _Side(new_people, vocab, policy)
    men = _Side(men_people, vocab, policy)
    return new, men, _Pairs(new, men, policy, vocab)


def match(
    newcomers: Iterable[Newcomer],
    mentors: Iterable[Mentor],
    policy: Policy | None = None,
    locked: Iterable[tuple[Id, Id]] = (),
    forbidden: Iterable[tuple[Id, Id]] = (),
    preferred: Iterable[tuple[Id, Id]] = (),
    explain: bool = True,
    progress=None,
) -> MatchResult:
    """One global optimal assignment; see the module docstring.

    ``locked`` pairs are kept as they are (the coordinator decided). ``preferred`` pairs (a
    re-run's proposals from the run before) are no promise: they rank below the waiting-time
    priority and above the score, so a re-run serves waiting times exactly as a fresh run
    would and, among the assignments that do, changes as few preferred pairs as possible.

    ``progress(stage, fraction)``, if given, is called as the work advances (stages: prune,
    score, solve, explain), for a progress bar on large runs."""
    started = time.perf_counter()
    timings: dict[str, float] = {}
    policy = policy or Policy()
    issues: list[Issue] = []
    new, men, pairs = _prepare(newcomers, mentors, policy, issues)
    forbidden = {(a, b) for a, b in forbidden}
    pairs.forbidden_keys = pairs._keys(forbidden)
    nrow = {pid: i for i, pid in enumerate(new.ids)}
    mrow = {pid: j for j, pid in enumerate(men.ids)}
    issues.extend(_input_issues(new, men, policy))
    capacity = np.array([max(0, int(p.capacity)) for p in men.people], dtype=np.int64)
    used = np.array([max(0, int(p.active)) for p in men.people], dtype=np.int64)
    levels = _priority_levels(new.people)
    waiting = np.array([max(0, int(p.waiting_days)) for p in new.people], dtype=np.int64)
    first = np.array([bool(p.first_in_line) for p in new.people], dtype=bool)

    # ---- locked pairs: kept before anything else, within capacity ----
    locked_rows: dict[int, int] = {}
    lock_failed: set[int] = set()
    locks_used = np.zeros(men.n, dtype=np.int64)
    lock_list = sorted(
        {(a, b) for a, b in locked},
        key=lambda ab: (
            -int(levels[nrow[ab[0]]]) if ab[0] in nrow else 0,  # highest priority kept first
            _sort_key(ab[0]),
            _sort_key(ab[1]),
        ),
    )
    for a, b in lock_list:
        if a not in nrow or b not in mrow:
            issues.append(
                Issue("lock_unknown", a, b, "a locked pair names someone not in this run")
            )
            continue
        i, j = nrow[a], mrow[b]
        if (a, b) in forbidden or (a, b) in policy.excluded_pairs:
            issues.append(
                Issue("lock_forbidden", a, b, "the pair is both locked and forbidden; not kept")
            )
            lock_failed.add(i)
            continue
        if i in locked_rows:
            issues.append(
                Issue(
                    "lock_duplicate",
                    a,
                    b,
                    f"the newcomer is already locked to {men.ids[locked_rows[i]]!r}; not kept",
                    data={"other": men.ids[locked_rows[i]]},
                )
            )
            continue
        if used[j] + locks_used[j] >= capacity[j]:
            issues.append(
                Issue(
                    "lock_over_capacity",
                    a,
                    b,
                    f"the mentor's capacity ({int(capacity[j])}) is already taken by other locked "
                    "pairs or running matches; this lock is not kept",
                    data={"capacity": int(capacity[j])},
                )
            )
            lock_failed.add(i)
            continue
        locked_rows[i] = j
        locks_used[j] += 1
    lock_failed -= set(locked_rows)
    free = np.maximum(capacity - used - locks_used, 0)

    # ---- feasible pairs, pruned and scored chunk by chunk ----
    t = time.perf_counter()
    ei, ej, es, per_new, per_men = pairs.feasible(progress)
    timings["prune_and_score"] = time.perf_counter() - t
    if progress is not None:
        progress("score", 1.0)
    excluded = {rule: int(per_new[:, c].sum()) for c, rule in enumerate(RULES)}
    if len(ei) == 0 and new.n and men.n:
        detail = ", ".join(f"{rule}: {count}" for rule, count in excluded.items() if count)
        issues.append(
            Issue(
                "no_feasible_pair",
                detail=f"pairs excluded per rule: {detail}",
                data={rule: count for rule, count in excluded.items() if count},
            )
        )

    # ---- locked pairs as proposals (they may break rules: the coordinator decided) ----
    proposals: list[Proposal] = []
    if locked_rows:
        li = np.fromiter(locked_rows.keys(), dtype=np.int32, count=len(locked_rows))
        lj = np.fromiter(locked_rows.values(), dtype=np.int32, count=len(locked_rows))
        lscore, lkm, lpoints = pairs.scores(li, lj, breakdown=True)
        broken = pairs.first_failed_rule(li, lj, np.ones(men.n, dtype=np.int64))
        slot_of = used.copy()
        for k, (i, j) in enumerate(zip(li.tolist(), lj.tolist(), strict=True)):
            if broken[k] >= 0:
                issues.append(
                    Issue(
                        "lock_breaks_rule",
                        new.ids[i],
                        men.ids[j],
                        f"the locked pair breaks the rule '{RULES[broken[k]]}'; kept as locked",
                        data={"rule": RULES[broken[k]]},
                    )
                )
            breakdown, top = _breakdown(lpoints[k])
            proposals.append(
                Proposal(
                    new.ids[i],
                    men.ids[j],
                    int(lscore[k]) / SCALE,
                    breakdown,
                    top,
                    locked=True,
                    slot=int(slot_of[j]),
                    distance_km=_km(lkm[k]),
                )
            )
            slot_of[j] += 1

    # ---- the assignment problem on what is left ----
    t = time.perf_counter()
    is_locked_row = np.zeros(new.n, dtype=bool)
    if locked_rows:
        is_locked_row[list(locked_rows)] = True
    full = free[ej] <= 0
    per_new[:, RULES.index("capacity")] = np.bincount(ei[full], minlength=new.n)
    excluded["capacity"] = int((full & ~is_locked_row[ei]).sum())
    del full
    # Locked newcomers and full mentors get no edges in the solver: their places are zeroed
    # rather than the pairs copied, so no second copy of the pair arrays is ever made.
    places = free.copy()
    preferred = {(a, b) for a, b in preferred} - forbidden
    pref = None
    if preferred:
        pref = ~_not_in(pairs._keys(preferred), ei, ej, men.n)
    rows, cols, picked, objective, pref_used = _solve(
        ei, ej, es, levels, places, used + locks_used, policy, pref, is_locked_row
    )
    if pref is not None and not pref_used:
        issues.append(
            Issue(
                "preference_dropped",
                detail="too many people for an exact run that also keeps earlier proposals: "
                "the waiting-time priority and the scores decide alone",
            )
        )
    timings["solve"] = time.perf_counter() - t
    if progress is not None:
        progress("solve", 1.0)

    # ---- proposals, slots numbered by score, each compared with the newcomer's next option ----
    assignment = {
        int(i): (int(j), int(k))
        for i, j, k in zip(rows.tolist(), cols.tolist(), picked.tolist(), strict=True)
    }
    runner = _runner_up(ei, ej, es, free, picked)
    point_of, km_of, next_of = {}, {}, {}
    if len(rows):
        _, chosen_km, chosen_points = pairs.scores(rows, cols, breakdown=True)
        point_of = {int(r): chosen_points[n] for n, r in enumerate(rows.tolist())}
        km_of = {int(r): chosen_km[n] for n, r in enumerate(rows.tolist())}
        ri = np.array([i for i in rows.tolist() if i in runner], dtype=np.int32)
        rj = np.array([runner[i] for i in ri.tolist()], dtype=np.int32)
        r_score, _, r_points = pairs.scores(ri, rj, breakdown=True)
        next_of = {
            int(i): (int(j), int(r_score[n]), r_points[n])
            for n, (i, j) in enumerate(zip(ri.tolist(), rj.tolist(), strict=True))
        }
    kept_pairs = preferred if pref is not None and pref_used else set()
    by_mentor: dict[int, list[tuple[int, int]]] = {}
    for i, (j, k) in assignment.items():
        by_mentor.setdefault(j, []).append((i, k))
    for j, items in sorted(by_mentor.items()):
        items.sort(key=lambda ik: (-int(es[ik[1]]), _sort_key(new.ids[ik[0]])))
        for t_slot, (i, _k) in enumerate(items):
            breakdown, top = _breakdown(point_of[i])
            runner_up = runner_score = None
            advantages: tuple[tuple[str, float], ...] = ()
            if i in next_of:
                rj_, r_sc, r_pts = next_of[i]
                runner_up, runner_score = men.ids[rj_], r_sc / SCALE
                diff = point_of[i].astype(np.int64) - r_pts.astype(np.int64)
                order = sorted(
                    (c for c in range(len(CRITERIA)) if diff[c] > 0), key=lambda c: (-diff[c], c)
                )
                advantages = tuple((CRITERIA[c], int(diff[c]) / SCALE) for c in order[:3])
            proposals.append(
                Proposal(
                    new.ids[i],
                    men.ids[j],
                    int(es[_k]) / SCALE,
                    breakdown,
                    top,
                    slot=int(used[j] + locks_used[j] + t_slot),
                    distance_km=_km(km_of[i]),
                    kept=(new.ids[i], men.ids[j]) in kept_pairs,
                    runner_up=runner_up,
                    runner_up_score=runner_score,
                    advantages=advantages,
                )
            )
    proposals.sort(key=lambda p: (_sort_key(p.newcomer_id), _sort_key(p.mentor_id)))

    # ---- explanations for everyone left out ----
    t = time.perf_counter()
    unmatched_new: list[Unmatched] = []
    unmatched_men: list[Unmatched] = []
    if explain:
        unmatched_new, unmatched_men = _explain(
            new,
            men,
            pairs,
            ei,
            ej,
            es,
            assignment,
            locked_rows,
            lock_failed,
            free,
            waiting,
            first,
            per_new,
            per_men,
        )
    timings["explain"] = time.perf_counter() - t
    timings["total"] = time.perf_counter() - started
    return MatchResult(
        proposals=proposals,
        unmatched_newcomers=unmatched_new,
        unmatched_mentors=unmatched_men,
        issues=issues,
        feasible_pairs=len(ei),
        excluded_pairs=excluded,
        objective=objective,
        timings=timings,
    )


def _km(value) -> float | None:
    return None if np.isnan(value) else round(float(value), 2)


def _input_issues(new: _Side, men: _Side, policy: Policy) -> list[Issue]:
    issues = []
    if sum(max(0.0, float(w)) for w in policy.weights.values()) <= 0:
        issues.append(Issue("no_weights", detail="all weights are 0, so every score is 0"))
    for row, person in enumerate(new.people):
        if not new.has_language[row]:
            issues.append(
                Issue(
                    "newcomer_without_language",
                    newcomer_id=person.id,
                    detail="no language recorded, so the language rule excludes every mentor",
                )
            )
    for row, person in enumerate(men.people):
        if person.capacity <= 0:
            issues.append(
                Issue("zero_capacity", mentor_id=person.id, detail="capacity is 0: not matched")
            )
        elif not men.has_language[row]:
            issues.append(
                Issue(
                    "mentor_without_language",
                    mentor_id=person.id,
                    detail="no language recorded, so the language rule excludes every newcomer",
                )
            )
    return issues


def _segments(rows: np.ndarray) -> np.ndarray:
    """Start of each run of equal values in ``rows`` (all pairs of a newcomer are adjacent)."""
    if not len(rows):
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])


_EDGE_CHUNK = 4_000_000


def _solve(pi, pj, ps, levels, free, taken, policy, pref=None, closed_rows=None):
    """Optimal assignment of newcomer rows ``pi`` to mentor rows ``pj`` (feasible pairs with
    free capacity, scores ``ps`` in hundredths) within free capacity.

    Returns (newcomer rows, mentor rows, pair indices) of the assignment, the exact objective
    (a Python int: the priority weights of everyone matched plus their scores less slot
    costs), and whether the ``pref`` (preferred pairs, a boolean per pair) could be honoured.

    The encoding. Mentors become one column per free place; every newcomer row gets a private
    "stay unmatched" column, so a full matching always exists. A real edge costs
    ``spread - (score - slot cost + bonus)``, between 0 and ``spread``; the private column
    costs ``w(level) + spread``. Leaving a newcomer out therefore costs their priority weight
    ``w(level) = step * (1 + level)`` with ``step = rows * spread + 1``, larger than any
    difference in total score: the sets of newcomers that can be matched together form a
    transversal matroid, so the greedy order of levels decides who is matched (for every
    priority level, as many as possible of those at or above it), and the scores only decide
    among the assignments that do. A preferred pair earns a bonus larger than any total
    score difference and smaller than ``step``.

    Exactness. All costs are integers; the weights sit on the private columns only (not on
    every edge of a row), and a private column ends every alternating path it is on, so every
    path length and potential the solver derives stays below ``max cost + step``. The run
    goes ahead only when that is below ``_EXACT`` (2**49, 16 times below the last exact
    float64 integer): with slot costs capped at ``MAX_SLOT_COST`` this holds up to
    ``rows * levels`` of about 2.8e10, e.g. 160,000 newcomers each waiting a different number
    of days. Larger runs raise ``ValueError`` (split them by area); with preferred pairs the
    bound is about 2,000 rows squared times levels, beyond which the preference is dropped.

    Pairs of ``closed_rows`` (locked newcomers) and of mentors without a free place get no
    edge; only newcomers with at least one edge count as rows of the weights, as in the
    docstring above.

    Memory. The matrix is built directly in CSR form from the row-grouped pairs, in chunks
    of edges, so the only arrays as long as the edge list are the CSR's own indices and
    indptr (int32 up to 2**31 edges, so scipy never widens them) and data (float64), and one
    int32 map from edge to pair; nothing as long as the pair list is copied.
    """
    empty = np.zeros(0, dtype=np.int64)
    n_pairs = len(pi)
    if not n_pairs:
        return empty, empty, empty, 0, True
    # edges per pair: one per free place of its mentor, none for a locked newcomer
    rep = free[pj].astype(np.int32)
    if closed_rows is not None and closed_rows.any():
        rep[closed_rows[pi]] = 0
    starts = _segments(pi)
    ends = np.r_[starts[1:], n_pairs]
    real = np.add.reduceat(rep, starts) > 0
    if not real.any():
        return empty, empty, empty, 0, True
    all_rows = pi[starts].astype(np.int64)
    rows_used = all_rows[real]
    n_rows = len(rows_used)
    n_segments = len(starts)
    per_mentor = np.bincount(pj[rep > 0], minlength=len(free))
    mentors_used = np.flatnonzero(per_mentor)
    del per_mentor
    slot_start = np.zeros(len(free), dtype=np.int64)
    slot_start[mentors_used] = np.cumsum(free[mentors_used]) - free[mentors_used]
    n_slots = int(free[mentors_used].sum())
    slot_cost = np.array(policy.slot_costs(int((taken + free).max()) + 2), dtype=np.int64)
    max_cost = int(slot_cost.max())
    _, lv = np.unique(levels[rows_used], return_inverse=True)
    lv = lv.reshape(-1).astype(np.int64)
    top_level = int(lv.max()) + 1

    def weights(with_pref):
        spread = MAX_POINTS + max_cost + 1
        bonus = 0
        if with_pref:
            bonus = n_rows * spread + 1
            spread += bonus
        step = n_rows * spread + 1
        return spread, bonus, step, step * (top_level + 1) + spread + step

    use_pref = pref is not None and bool(pref.any())
    spread, bonus, step, bound = weights(use_pref)
    if use_pref and bound >= _EXACT:
        use_pref = False
        spread, bonus, step, bound = weights(False)
    if bound >= _EXACT:
        raise ValueError(
            f"{n_rows} newcomers with {top_level} priority levels are too many for one exact "
            "run; split the run by area"
        )

    # the last pair of each row carries one more edge: the row's private column
    rep[ends - 1] += 1
    per_row = np.add.reduceat(rep, starts)
    total = int(per_row.sum())
    index_type = np.int32 if total + n_segments < 2**31 else np.int64
    indptr = np.zeros(n_segments + 1, dtype=index_type)
    np.cumsum(per_row, out=indptr[1:])
    first_edge = np.cumsum(rep, dtype=index_type)
    first_edge -= rep
    pair_of_edge = np.repeat(np.arange(n_pairs, dtype=np.int32), rep)
    del rep
    indices = np.empty(total, dtype=index_type)
    data = np.empty(total, dtype=np.float64)
    taken_s = taken.astype(np.int64)
    for a in range(0, total, _EDGE_CHUNK):
        b = min(total, a + _EDGE_CHUNK)
        pe = pair_of_edge[a:b]
        offset = np.arange(a, b, dtype=np.int64) - first_edge[pe]
        mentor = pj[pe]
        indices[a:b] = slot_start[mentor] + offset
        cost = slot_cost[np.minimum(taken_s[mentor] + offset, len(slot_cost) - 1)]
        gain = ps[pe].astype(np.int64) - cost
        if use_pref:
            gain += bonus * pref[pe]
        data[a:b] = spread - gain
    del first_edge
    # the private columns, at the end of each row's segment; rows without a real edge (all
    # candidates full or the newcomer locked) have only this one and weigh nothing
    last = indptr[1:].astype(np.int64) - 1
    indices[last] = n_slots + np.arange(n_segments)
    weight_all = np.zeros(n_segments, dtype=np.int64)
    weight_all[real] = step * (1 + lv)
    data[last] = weight_all + spread
    graph = csr_array((data, indices, indptr), shape=(n_segments, n_slots + n_segments))
    rr, cc = min_weight_full_bipartite_matching(graph)
    del graph
    chosen = cc < n_slots
    rr, cc = rr[chosen].astype(np.int64), cc[chosen].astype(np.int64)
    # the edge behind each chosen (row, column), found in the row's own short segment
    picked = np.empty(len(rr), dtype=np.int64)
    for n, (r_, c_) in enumerate(zip(rr.tolist(), cc.tolist(), strict=True)):
        segment = indices[indptr[r_] : indptr[r_ + 1]]
        picked[n] = pair_of_edge[indptr[r_] + int(np.flatnonzero(segment == c_)[0])]
    edge_gain = []
    for c_, k in zip(cc.tolist(), picked.tolist(), strict=True):
        j = int(pj[k])
        edge_gain.append(int(ps[k]) - int(slot_cost[int(taken_s[j]) + c_ - int(slot_start[j])]))
    objective = int(weight_all[rr].sum()) + sum(edge_gain)
    return all_rows[rr], pj[picked].astype(np.int64), picked, objective, use_pref or pref is None


def _runner_up(ei, ej, es, free, picked) -> dict[int, int]:
    """{newcomer row: mentor row} of each matched newcomer's best other candidate with a free
    place when the run began (highest score, then the lowest mentor row)."""
    if not len(picked):
        return {}
    score = es.copy()
    score[free[ej] <= 0] = -1
    score[picked] = -1
    starts = _segments(ei)
    seg_of_row = {int(r): s for s, r in enumerate(ei[starts].tolist())}
    ends = np.r_[starts[1:], len(ei)]
    out = {}
    for k in picked.tolist():
        s = seg_of_row[int(ei[k])]
        part = score[starts[s] : ends[s]]
        best = int(np.argmax(part))
        if part[best] >= 0:
            out[int(ei[k])] = int(ej[starts[s] + best])
    return out


def _explain(
    new,
    men,
    pairs,
    ei,
    ej,
    score,
    assignment,
    locked_rows,
    lock_failed,
    free,
    waiting,
    first,
    per_new,
    per_men,
):
    holder: dict[int, list[int]] = {}  # mentor row -> newcomer rows (proposed or locked)
    for i, (j, _k) in assignment.items():
        holder.setdefault(j, []).append(i)
    for i, j in locked_rows.items():
        holder.setdefault(j, []).append(i)
    matched_new = set(assignment) | set(locked_rows)
    # the best feasible partner of each person left out, by score then row
    out_row = np.ones(new.n, dtype=bool)
    out_row[list(matched_new)] = False
    idle = free > 0
    idle[list(holder)] = False
    locked_by: dict[int, list[int]] = {}
    for i, j in locked_rows.items():
        locked_by.setdefault(j, []).append(i)
    has_room = free[ej] > 0
    sub = np.flatnonzero(out_row[ei] & ~has_room)
    best_full_for_new = {
        i: int(sub[k]) for i, k in _best_per_group(ei[sub], ej[sub], score[sub]).items()
    }
    sub = np.flatnonzero(out_row[ei] & has_room)
    best_for_new = {
        i: int(sub[k]) for i, k in _best_per_group(ei[sub], ej[sub], score[sub]).items()
    }
    sub = np.flatnonzero(idle[ej])
    best_for_men = {
        j: int(sub[k]) for j, k in _best_per_group(ej[sub], ei[sub], score[sub]).items()
    }
    del sub
    n_cand_new = np.bincount(ei[has_room], minlength=new.n)
    n_full_new = np.bincount(ei[~has_room], minlength=new.n)
    n_cand_men = np.bincount(ej, minlength=men.n)
    out_rows = np.flatnonzero(out_row)
    every = pairs.every_rule(out_rows)
    capacity = RULES.index("capacity")
    out_new, out_men = [], []
    for n, i in enumerate(out_rows.tolist()):
        counts = {rule: int(every[n, c]) for c, rule in enumerate(RULES)}
        counts["capacity"] = int(per_new[i, capacity])
        k = best_for_new.get(i)
        common = {"full_candidates": int(n_full_new[i])}
        if k is None:
            k = best_full_for_new.get(i)
            if k is None:
                reason = "lock_conflict" if i in lock_failed else "no_feasible"
                out_new.append(Unmatched("newcomer", new.ids[i], reason, 0, counts, **common))
                continue
            # every candidate was full before this run: running matches, locks, capacity 0
            j = int(ej[k])
            takers = sorted(locked_by.get(j, []), key=lambda r: _sort_key(new.ids[r]))
            reason = "lock_conflict" if i in lock_failed else "candidates_full"
        else:
            j = int(ej[k])
            takers = sorted(holder.get(j, []), key=lambda r: _sort_key(new.ids[r]))
            reason = "lock_conflict" if i in lock_failed else "capacity_conflict"
        out_new.append(
            Unmatched(
                "newcomer",
                new.ids[i],
                reason,
                int(n_cand_new[i]),
                counts,
                best_candidate=men.ids[j],
                best_score=int(score[k]) / SCALE,
                taken_by=tuple(new.ids[r] for r in takers),
                taken_by_waited_longer=any(waiting[r] > waiting[i] for r in takers),
                taken_by_first_in_line=any(first[r] and not first[i] for r in takers),
                taken_by_locked=any(r in locked_rows for r in takers),
                **common,
            )
        )
    for j in range(men.n):
        if j in holder or free[j] <= 0:
            continue
        counts = {rule: int(per_men[j, c]) for c, rule in enumerate(RULES)}
        k = best_for_men.get(j)
        if k is None:
            out_men.append(Unmatched("mentor", men.ids[j], "no_feasible", 0, counts))
            continue
        i = int(ei[k])
        got = assignment[i][0] if i in assignment else locked_rows.get(i)
        out_men.append(
            Unmatched(
                "mentor",
                men.ids[j],
                "capacity_conflict",
                int(n_cand_men[j]),
                counts,
                best_candidate=new.ids[i],
                best_score=int(score[k]) / SCALE,
                taken_by=(men.ids[got],) if got is not None else (),
            )
        )
    return out_new, out_men


def _best_per_group(group, other, score) -> dict[int, int]:
    """{group value: index of its best pair}, by score, then the other side's row."""
    if not len(group):
        return {}
    order = np.lexsort((other, -score, group))
    first = np.flatnonzero(np.r_[True, group[order][1:] != group[order][:-1]])
    return dict(zip(group[order][first].tolist(), order[first].tolist(), strict=True))


class CandidatePool:
    """The other side encoded once, for fast top-five look-ups (one person at a time)."""

    def __init__(self, others: Iterable[Mentor] | Iterable[Newcomer], policy: Policy | None = None):
        self.policy = policy or Policy()
        people = _dedupe(others, "other", [])
        self.of_mentors = bool(people) and isinstance(people[0], Mentor)
        self.vocab = _Vocabulary([people])
        self.side = _Side(people, self.vocab, self.policy)
        self.free = np.array(
            [max(0, p.capacity - p.active) for p in people]
            if self.of_mentors
            else [1] * len(people),
            dtype=np.int64,
        )

    def top(self, person, k: int = 5, forbidden: Iterable[tuple[Id, Id]] = ()) -> CandidateList:
        one = _Side([person], self.vocab, self.policy)
        is_newcomer = isinstance(person, Newcomer)
        new, men = (one, self.side) if is_newcomer else (self.side, one)
        pairs = _Pairs(new, men, self.policy, self.vocab)
        pairs.forbidden_keys = pairs._keys(forbidden)
        free = self.free if is_newcomer else np.array([max(0, person.capacity - person.active)])
        n_other = self.side.n
        mine = np.zeros(n_other, dtype=np.int32)
        theirs = np.arange(n_other, dtype=np.int32)
        i, j = (mine, theirs) if is_newcomer else (theirs, mine)
        failed = pairs.first_failed_rule(i, j, free)
        counts = {rule: int(np.count_nonzero(failed == c)) for c, rule in enumerate(RULES)}
        ok = np.flatnonzero(failed < 0)
        score, km, points = pairs.scores(i[ok], j[ok], breakdown=True)
        ids = self.side.ids
        best = sorted(range(len(ok)), key=lambda q: (-int(score[q]), _sort_key(ids[ok[q]])))
        candidates = []
        for q in best[:k]:
            breakdown, top = _breakdown(points[q])
            candidates.append(
                Candidate(ids[ok[q]], int(score[q]) / SCALE, breakdown, top, _km(km[q]))
            )
        return CandidateList(person.id, candidates, n_other, counts)


def top_candidates(
    person: Newcomer | Mentor,
    others: Sequence[Mentor] | Sequence[Newcomer],
    policy: Policy | None = None,
    k: int = 5,
    forbidden: Iterable[tuple[Id, Id]] = (),
) -> CandidateList:
    """The ``k`` best feasible candidates for one person, by score (then id), with the number
    of candidates each hard rule excluded. Mentors without free capacity are left out."""
    return CandidatePool(others, policy).top(person, k, forbidden)


def greedy(
    newcomers: Iterable[Newcomer],
    mentors: Iterable[Mentor],
    policy: Policy | None = None,
    order: str = "waiting",
) -> tuple[list[tuple[Id, Id, float]], float]:
    """Baseline for the benchmark: ``order="waiting"`` lets the longest-waiting newcomer take
    the best free mentor (first come, first served); ``order="score"`` takes pairs by
    descending score. Same pruning and scores as the engine. Returns (pairs, seconds)."""
    started = time.perf_counter()
    policy = policy or Policy()
    new, men, pairs = _prepare(newcomers, mentors, policy, [])
    ei, ej, score, _, _ = pairs.feasible()
    free = [max(0, p.capacity - p.active) for p in men.people]
    taken = [False] * new.n
    chosen = []
    if order == "waiting":
        waiting = np.array([p.waiting_days for p in new.people])
        seq = np.lexsort((ej, -score, -waiting[ei]))
    else:
        seq = np.lexsort((ej, ei, -score))
    for k in seq.tolist():
        i, j = int(ei[k]), int(ej[k])
        if taken[i] or free[j] <= 0:
            continue
        taken[i] = True
        free[j] -= 1
        chosen.append((new.ids[i], men.ids[j], int(score[k]) / SCALE))
    return chosen, time.perf_counter() - started
