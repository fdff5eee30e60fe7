"""Run kompis matching from the command line: a dry run by default.

manage.py match                  # table of proposals and explanations, nothing saved
manage.py match --json           # the same as JSON
manage.py match --save           # store the proposals as a run for the matching board
manage.py match --synthetic 7500x5000   # the engine on synthetic data (no database)
"""

import json
import sys
import time

from django.core.management.base import BaseCommand, CommandError

from mentors import engine
from mentors.models import (
    ExcludedPair,
    MatchingPolicy,
    MatchRun,
    Newcomer,
    available_mentors,
    mentor_record,
)


class Command(BaseCommand):
    help = "Propose kompis pairs with the matching engine (dry run unless --save)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
        parser.add_argument("--save", action="store_true", help="store the run as a draft")
        parser.add_argument("--limit", type=int, default=0, help="show at most this many rows")
        parser.add_argument(
            "--synthetic", metavar="NxM", help="run on synthetic newcomers x mentors instead"
        )

    def progress(self, message):
        if not self.as_json:
            self.stderr.write(f"… {message}")

    def bar(self, stage, fraction):
        """A text progress bar on stderr (large runs take seconds)."""
        if self.as_json or not self.show_bar:
            return
        filled = int(fraction * 30)
        self.stderr.write(
            f"\r{stage:<8} [{'#' * filled}{'.' * (30 - filled)}] {fraction:4.0%}", ending=""
        )
        if fraction >= 1:
            self.stderr.write("")

    def handle(self, *args, **options):
        self.as_json = options["json"]
        started = time.perf_counter()
        policy = MatchingPolicy.objects.current() if not options["synthetic"] else None
        if options["synthetic"]:
            from mentors.synthetic import generate

            try:
                n, m = (int(x) for x in options["synthetic"].lower().split("x"))
            except ValueError as error:
                raise CommandError("--synthetic takes NxM, for example 300x500") from error
            self.progress(f"generating {n} newcomers and {m} mentors")
            population = generate(n, m)
            newcomers, mentors = population.newcomers, population.mentors
            engine_policy = engine.Policy(min_language_level=2, max_distance_km=5)
        else:
            if options["save"]:
                run = MatchRun.execute(progress=self.progress)
                self.stdout.write(f"Saved matching run {run.pk}: {run.stats['matched']} proposals.")
                return
            self.progress("loading newcomers and mentors")
            newcomers = [n.record() for n in Newcomer.objects.waiting()]
            mentors = [mentor_record(v) for v in available_mentors()]
            excluded = set(ExcludedPair.objects.values_list("newcomer_id", "volunteer_id"))
            engine_policy = policy.engine_policy(excluded)
        self.progress(
            f"matching {len(newcomers)} newcomers with {len(mentors)} mentors: "
            "pruning, scoring, solving"
        )
        self.show_bar = len(newcomers) * len(mentors) >= 1_000_000
        result = engine.match(newcomers, mentors, engine_policy, progress=self.bar)
        self.progress(
            f"done in {time.perf_counter() - started:.2f} s "
            + " ".join(f"{k} {v:.2f}s" for k, v in result.timings.items())
        )
        if self.as_json:
            data = result.as_dict()
            data["policy_version"] = policy.version if policy else None
            data["dry_run"] = True
            self.stdout.write(json.dumps(data, ensure_ascii=False, default=str, indent=2))
            return
        names_n = {p.id: p.label or str(p.id) for p in newcomers}
        names_m = {p.id: p.label or str(p.id) for p in mentors}
        limit = options["limit"] or len(result.proposals)
        self.stdout.write(f"{'newcomer':<28} {'mentor':<28} {'score':>6}  top criteria")
        for p in result.proposals[:limit]:
            self.stdout.write(
                f"{names_n[p.newcomer_id][:28]:<28} {names_m[p.mentor_id][:28]:<28} "
                f"{p.score:6.1f}  {', '.join(p.top_criteria)}{'  (locked)' if p.locked else ''}"
            )
        if result.unmatched_newcomers:
            self.stdout.write("\nNot matched:")
        for u in result.unmatched_newcomers[:limit]:
            rules = ", ".join(f"{rule} {n}" for rule, n in u.excluded_by.items() if n)
            if u.reason == "capacity_conflict":
                why = (
                    f"best candidate {names_m.get(u.best_candidate)} went to "
                    + ", ".join(names_n.get(t, str(t)) for t in u.taken_by)
                    + (" (waited longer)" if u.taken_by_waited_longer else "")
                )
            elif u.reason == "candidates_full":
                why = f"every candidate is full (best: {names_m.get(u.best_candidate)})"
            else:
                why = f"no mentor passes the rules ({rules})"
            self.stdout.write(f"  {names_n[u.id][:28]:<28} {why}")
        for issue in result.issues[:limit]:
            who = " – ".join(
                str(x)
                for x in (names_n.get(issue.newcomer_id), names_m.get(issue.mentor_id))
                if x is not None
            )
            self.stdout.write(f"! {issue.code}: {who + ': ' if who else ''}{issue.detail}")
        if len(result.issues) > limit:
            self.stdout.write(f"! … and {len(result.issues) - limit} more issues")
        self.stdout.write(
            f"\n{result.matched} proposed, {len(result.unmatched_newcomers)} not matched, "
            f"total score {result.total_score}. Dry run: nothing saved (use --save)."
        )
        sys.stdout.flush()
