"""Benchmark of the kompis matching engine against greedy baselines and OR-Tools, in one run.

    .venv/bin/python benchmarks/matching.py            # 300x500, 1,500x1,000, 7,500x5,000
    .venv/bin/python benchmarks/matching.py --distance 10 --sizes 7500x5000
    .venv/bin/python benchmarks/matching.py --exact-sizes 7500x5000,30000x20000 --sizes ""

The exact comparison (``--exact-sizes``) runs the engine and OR-Tools' min-cost flow
(``SimpleMinCostFlow``, exact integer arithmetic) on the same feasible pairs with the same
scores and the same lexicographic weights (waiting priority, then score less slot costs), each
in its own subprocess so that each side's peak memory (RSS) is measured alone, and checks that
both reach the same optimum. The OR-Tools side gets the engine's pruned and scored pairs
(reported apart, as "pairs"), then builds its graph and solves; mentors' places are arcs to the
sink with the slot costs, which a min-cost flow fills cheapest first, as the engine does.

Times are wall-clock and end to end for the engine (encoding, pruning, scoring, solving,
explanations); generating the synthetic population is not timed. Baselines:
- greedy-waiting: the longest-waiting newcomer takes the best free mentor (first come, first
  served, as most programmes do by hand);
- greedy-score: pairs taken by descending score (what "best match first" tools do).
Both use the engine's own pruning and scores, so only the assignment differs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import json  # noqa: E402
import resource  # noqa: E402
import subprocess  # noqa: E402

import numpy as np  # noqa: E402

from mentors import engine  # noqa: E402
from mentors.engine import CandidatePool, Policy, greedy, match, top_candidates  # noqa: E402
from mentors.synthetic import generate  # noqa: E402

TARGETS = {(300, 500): 1.0, (1500, 1000): 2.0, (7500, 5000): 10.0}


def run(sizes, policy, seed):
    print(
        f"policy: shared language at level >= {policy.min_language_level}, "
        f"max {policy.max_distance_km} km, gender preference hard, common time slot; "
        f"cpus: {os.cpu_count()}, load average: {os.getloadavg()[0]:.2f} (wall-clock seconds "
        "suffer when other work shares the cores; cpu= is this process's own time)"
    )
    header = (
        f"{'size':>12} {'method':>15} {'seconds':>8} {'matched':>8} {'total score':>12} "
        f"{'feasible pairs':>15}  detail"
    )
    print(header)
    print("-" * len(header))
    for n, m in sizes:
        population = generate(n, m, seed=seed)
        started, cpu = time.perf_counter(), time.process_time()
        result = match(population.newcomers, population.mentors, policy)
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu
        target = TARGETS.get((n, m))
        verdict = (
            "" if target is None else (" OK" if elapsed < target else " OVER") + f" (<{target:g} s)"
        )
        parts = " ".join(f"{k}={v:.2f}" for k, v in result.timings.items() if k != "total")
        parts += f" cpu={cpu:.2f}"
        print(
            f"{n:>5}x{m:<6} {'optimal':>15} {elapsed:8.2f} {result.matched:8d} "
            f"{result.total_score:12.1f} {result.feasible_pairs:15,d}  {parts}{verdict}"
        )
        for order in ("waiting", "score"):
            pairs, seconds = greedy(population.newcomers, population.mentors, policy, order=order)
            total = sum(score for _, _, score in pairs)
            gap = 100 * (result.matched - len(pairs)) / max(result.matched, 1)
            print(
                f"{'':>12} {'greedy-' + order:>15} {seconds:8.2f} {len(pairs):8d} {total:12.1f} "
                f"{'':>15}  {gap:.1f} % fewer matched than optimal"
            )
    _top_five(policy, seed)


def _top_five(policy, seed):
    # top five for one person among 5,000 mentors
    population = generate(50, 5000, seed=seed)
    started = time.perf_counter()
    pool = CandidatePool(population.mentors, policy)
    build = time.perf_counter() - started
    times = []
    for person in population.newcomers:
        started = time.perf_counter()
        pool.top(person, 5)
        times.append(time.perf_counter() - started)
    started, cpu = time.perf_counter(), time.process_time()
    top_candidates(population.newcomers[0], population.mentors, policy)
    cold = time.perf_counter() - started
    cold_cpu = time.process_time() - cpu
    print(
        f"top five among 5,000 mentors: cold (encode all + rank) {cold * 1000:.1f} ms "
        f"(cpu {cold_cpu * 1000:.1f} ms); "
        f"with the pool encoded once ({build * 1000:.1f} ms): median "
        f"{statistics.median(times) * 1000:.2f} ms, max {max(times) * 1000:.2f} ms "
        f"over {len(times)} newcomers (target < 100 ms)"
    )


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def side_engine(n, m, policy, seed):
    population = generate(n, m, seed=seed)
    base = _peak_mb()
    started, cpu = time.perf_counter(), time.process_time()
    result = match(population.newcomers, population.mentors, policy)
    return {
        "seconds": time.perf_counter() - started,
        "cpu": time.process_time() - cpu,
        "solve": result.timings["solve"],
        "pairs": result.feasible_pairs,
        "matched": result.matched,
        "objective": result.objective,
        "peak_mb": _peak_mb(),
        "population_mb": base,
    }


def side_ortools(n, m, policy, seed):
    from ortools.graph.python import min_cost_flow

    population = generate(n, m, seed=seed)
    base = _peak_mb()
    started, cpu = time.perf_counter(), time.process_time()
    new, men, pairs = engine._prepare(population.newcomers, population.mentors, policy, [])
    ei, ej, es, _, _ = pairs.feasible()
    free = np.array([max(0, p.capacity - p.active) for p in men.people], dtype=np.int64)
    taken = np.array([max(0, p.active) for p in men.people], dtype=np.int64)
    keep = free[ej] > 0
    ei, ej, es = ei[keep], ej[keep], es[keep]
    pairs_seconds = time.perf_counter() - started
    t = time.perf_counter()
    # the same exact weights as the engine: dense priority ranks among newcomers with a pair
    levels = engine._priority_levels(new.people)
    rows_used = np.flatnonzero(np.bincount(ei, minlength=new.n))
    _, lv = np.unique(levels[rows_used], return_inverse=True)
    rank = np.zeros(new.n, dtype=np.int64)
    rank[rows_used] = lv.reshape(-1)
    slot_cost = np.array(policy.slot_costs(int((taken + free).max()) + 2), dtype=np.int64)
    spread = engine.MAX_POINTS + int(slot_cost.max()) + 1
    step = len(rows_used) * spread + 1
    weight = step * (1 + rank)
    # nodes: newcomers 0..n-1, mentors n..n+m-1, sink n+m
    sink = new.n + men.n
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        ei.astype(np.int32),
        (ej + new.n).astype(np.int32),
        np.ones(len(ei), dtype=np.int64),
        spread - es.astype(np.int64),
    )
    flow.add_arcs_with_capacity_and_unit_cost(
        rows_used.astype(np.int32),
        np.full(len(rows_used), sink, dtype=np.int32),
        np.ones(len(rows_used), dtype=np.int64),
        weight[rows_used] + spread,
    )
    for t_slot in range(int(free.max(initial=0))):
        has = np.flatnonzero(free > t_slot)
        flow.add_arcs_with_capacity_and_unit_cost(
            (has + new.n).astype(np.int32),
            np.full(len(has), sink, dtype=np.int32),
            np.ones(len(has), dtype=np.int64),
            slot_cost[taken[has] + t_slot],
        )
    supplies = np.zeros(sink + 1, dtype=np.int64)
    supplies[rows_used] = 1
    supplies[sink] = -len(rows_used)
    flow.set_nodes_supplies(np.arange(sink + 1, dtype=np.int32), supplies)
    build_seconds = time.perf_counter() - t
    t = time.perf_counter()
    status = flow.solve()
    solve_seconds = time.perf_counter() - t
    assert status == flow.OPTIMAL, status
    flows = flow.flows(np.arange(len(ei), dtype=np.int32))
    matched = int(flows.sum())
    objective = int((weight[rows_used] + spread).sum()) - int(flow.optimal_cost())
    return {
        "seconds": time.perf_counter() - started,
        "cpu": time.process_time() - cpu,
        "pairs_seconds": pairs_seconds,
        "build": build_seconds,
        "solve": solve_seconds,
        "pairs": int(len(ei)),
        "matched": matched,
        "objective": objective,
        "peak_mb": _peak_mb(),
        "population_mb": base,
    }


def exact(sizes, args):
    print()
    print(
        "exact optimum beside OR-Tools' min-cost flow (each side in its own process; peak RSS "
        "includes the synthetic population, shown apart)"
    )
    header = (
        f"{'size':>12} {'method':>10} {'seconds':>8} {'cpu':>7} {'solver':>7} {'matched':>8} "
        f"{'peak RSS MB':>12} {'population MB':>14}  objective"
    )
    print(header)
    print("-" * len(header))
    for n, m in sizes:
        results = {}
        for side in ("engine", "ortools"):
            command = [
                sys.executable,
                os.path.abspath(__file__),
                "--side",
                side,
                "--exact-sizes",
                f"{n}x{m}",
                "--distance",
                str(args.distance),
                "--level",
                str(args.level),
                "--seed",
                str(args.seed),
            ]
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            if done.returncode:
                print(f"{n:>5}x{m:<6} {side:>10} failed: {done.stderr.strip()[-300:]}")
                continue
            results[side] = json.loads(done.stdout.strip().splitlines()[-1])
        for side, r in results.items():
            extra = ""
            if side == "ortools":
                extra = f"  (pairs {r['pairs_seconds']:.2f} s, graph {r['build']:.2f} s)"
            print(
                f"{n:>5}x{m:<6} {side:>10} {r['seconds']:8.2f} {r['cpu']:7.2f} {r['solve']:7.2f} "
                f"{r['matched']:8d} {r['peak_mb']:12.0f} {r['population_mb']:14.0f}  "
                f"{r['objective']}{extra}"
            )
        if len(results) == 2:
            same = results["engine"]["objective"] == results["ortools"]["objective"]
            ratio = results["engine"]["seconds"] / max(results["ortools"]["seconds"], 1e-9)
            memory = results["engine"]["peak_mb"] / max(results["ortools"]["peak_mb"], 1e-9)
            print(
                f"{'':>12} {'':>10} {'equal optimum' if same else 'DIFFERENT OPTIMUM'}; engine "
                f"time {ratio:.2f}x and peak memory {memory:.2f}x OR-Tools'"
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="300x500,1500x1000,7500x5000")
    parser.add_argument(
        "--exact-sizes",
        default="7500x5000,30000x20000",
        help="sizes for the comparison with OR-Tools ('' to skip)",
    )
    parser.add_argument("--distance", type=float, default=5.0, help="maximum distance, km")
    parser.add_argument("--level", type=int, default=2, help="minimum shared language level")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--side", choices=("engine", "ortools"), help=argparse.SUPPRESS)
    args = parser.parse_args()

    def parse(text):
        return [tuple(int(x) for x in s.split("x")) for s in text.split(",") if s.strip()]

    policy = Policy(min_language_level=args.level, max_distance_km=args.distance)
    if args.side:
        (n, m), *_ = parse(args.exact_sizes)
        worker = side_engine if args.side == "engine" else side_ortools
        print(json.dumps(worker(n, m, policy, args.seed)))
        return
    if parse(args.sizes):
        run(parse(args.sizes), policy, args.seed)
    if parse(args.exact_sizes):
        exact(parse(args.exact_sizes), args)


if __name__ == "__main__":
    main()
