"""Run kompis matching from the command line: a dry run by default.

manage.py match                  # table of proposals and explanations, nothing saved
manage.py match --json           # the same as JSON
manage.py match --save           # store the proposals as a run for the matching board
manage.py match --synthetic 7500x5000   # the engine on synthetic data (no database)

Printed in the site's language (settings.LANGUAGE_CODE), like everything staff read.
"""

import json
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from mentors import engine
from mentors.admin_views import CRITERION_LABELS, ISSUE_LABELS, rule_phrase
from mentors.models import (
    ExcludedPair,
    MatchingPolicy,
    MatchRun,
    Newcomer,
    available_mentors,
    mentor_record,
)

# The engine's stages, as the progress bar names them.
STAGE_LABELS = {
    "prune": gettext_lazy("rules"),
    "score": gettext_lazy("scores"),
    "solve": gettext_lazy("pairs"),
    "explain": gettext_lazy("reasons"),
}


def _name(names, pid):
    """A name with the record number, so two people with the same name stay apart."""
    return f"{names.get(pid, '')} #{pid}".strip()


class Command(BaseCommand):
    help = "Propose kompis pairs with the matching engine (dry run unless --save)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
        parser.add_argument("--save", action="store_true", help="store the run as a draft")
        parser.add_argument(
            "--limit", type=int, default=25, help="show at most this many rows per list (0: all)"
        )
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
        label = str(STAGE_LABELS.get(stage, stage))
        self.stderr.write(
            f"\r{label:<8} [{'#' * filled}{'.' * (30 - filled)}] {fraction:4.0%}", ending=""
        )
        if fraction >= 1:
            self.stderr.write("")

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            self._handle(**options)

    def more(self, total, shown):
        if total > shown:
            self.stdout.write(
                "  "
                + _("… and %(count)s more (use --limit 0 to see all)") % {"count": total - shown}
            )

    def _handle(self, **options):
        self.as_json = options["json"]
        started = time.perf_counter()
        policy = MatchingPolicy.objects.current() if not options["synthetic"] else None
        if options["synthetic"]:
            from mentors.synthetic import generate

            try:
                n, m = (int(x) for x in options["synthetic"].lower().split("x"))
            except ValueError as error:
                raise CommandError(_("--synthetic takes NxM, for example 300x500")) from error
            self.progress(
                _("Synthetic data: %(newcomers)s newcomers, %(mentors)s kompisar")
                % {"newcomers": n, "mentors": m}
            )
            population = generate(n, m)
            newcomers, mentors = population.newcomers, population.mentors
            engine_policy = engine.Policy(min_language_level=2, max_distance_km=5)
        else:
            if options["save"]:
                run = MatchRun.execute(progress=self.progress)
                self.stdout.write(
                    ngettext(
                        "Saved matching run %(run)s: %(count)s proposal.",
                        "Saved matching run %(run)s: %(count)s proposals.",
                        run.stats["matched"],
                    )
                    % {"run": run.pk, "count": run.stats["matched"]}
                )
                return
            newcomers = [n.record() for n in Newcomer.objects.waiting()]
            mentors = [mentor_record(v) for v in available_mentors()]
            engine_policy = policy.engine_policy(ExcludedPair.objects.pairs())
        self.show_bar = len(newcomers) * len(mentors) >= 1_000_000
        result = engine.match(newcomers, mentors, engine_policy, progress=self.bar)
        # the stages' seconds stay as the engine names them (for comparing runs)
        self.progress(
            _("Done in %(seconds)s s") % {"seconds": f"{time.perf_counter() - started:.2f}"}
            + " ("
            + ", ".join(f"{k} {v:.2f}s" for k, v in result.timings.items())
            + ")"
        )
        if self.as_json:
            data = result.as_dict()
            data["policy_version"] = policy.version if policy else None
            data["dry_run"] = True
            self.stdout.write(json.dumps(data, ensure_ascii=False, default=str, indent=2))
            return
        self.table(result, newcomers, mentors, options["limit"])
        sys.stdout.flush()

    def table(self, result, newcomers, mentors, limit):
        names_n = {p.id: p.label for p in newcomers}
        names_m = {p.id: p.label for p in mentors}
        out = self.stdout.write
        proposals = result.proposals
        unmatched = result.unmatched_newcomers
        issues = result.issues
        shown = len(proposals) if limit <= 0 else min(limit, len(proposals))
        out(
            ngettext("%(count)s proposal:", "%(count)s proposals:", len(proposals))
            % {"count": len(proposals)}
        )
        out(f"  {_('Newcomer'):<32} {_('Kompis'):<32} {_('Score'):>6}  {_('Why this kompis')}")
        for p in proposals[:shown]:
            if p.locked:
                why = _("locked")
            elif p.runner_up is None:
                why = _("the only kompis with a free place who passes the rules")
            else:
                better = ", ".join(
                    f"{CRITERION_LABELS.get(c, c)} +{points:.1f}" for c, points in p.advantages
                )
                why = _("next option %(name)s (%(score).1f)") % {
                    "name": _name(names_m, p.runner_up),
                    "score": p.runner_up_score,
                }
                if better:
                    why += ": " + better
            out(
                f"  {_name(names_n, p.newcomer_id)[:32]:<32} "
                f"{_name(names_m, p.mentor_id)[:32]:<32} {p.score:6.1f}  {why}"
            )
        self.more(len(proposals), shown)
        shown = len(unmatched) if limit <= 0 else min(limit, len(unmatched))
        if unmatched:
            out("")
            out(
                ngettext(
                    "%(count)s newcomer not matched:",
                    "%(count)s newcomers not matched:",
                    len(unmatched),
                )
                % {"count": len(unmatched)}
            )
        for u in unmatched[:shown]:
            if u.reason == "capacity_conflict":
                why = _("the best of %(count)s possible kompisar, %(best)s, went to %(takers)s") % {
                    "count": u.candidates,
                    "best": _name(names_m, u.best_candidate),
                    "takers": ", ".join(_name(names_n, t) for t in u.taken_by),
                }
                if u.taken_by_first_in_line:
                    why += " " + _("(first in line after a declined proposal)")
                elif u.taken_by_waited_longer:
                    why += " " + _("(who waited longer)")
                elif u.taken_by_locked:
                    why += " " + _("(locked by a coordinator)")
                else:
                    why += " " + _("(who waited as long; the total score was higher this way)")
            elif u.reason == "candidates_full":
                why = _(
                    "every kompis who passes the rules was already full (the best: %(best)s)"
                ) % {"best": _name(names_m, u.best_candidate)}
            elif u.reason == "lock_conflict":
                why = _("the locked pair could not be kept")
            else:
                why = (
                    _("nobody passes the rules:")
                    + " "
                    + "; ".join(rule_phrase(rule, n) for rule, n in u.excluded_by.items() if n)
                )
            out(f"  {_name(names_n, u.id)[:32]:<32} {why}")
        self.more(len(unmatched), shown)
        shown = len(issues) if limit <= 0 else min(limit, len(issues))
        if issues:
            out("")
            out(
                ngettext("%(count)s thing to look at:", "%(count)s things to look at:", len(issues))
                % {"count": len(issues)}
            )
        for issue in issues[:shown]:
            who = " – ".join(
                x
                for x in (
                    _name(names_n, issue.newcomer_id) if issue.newcomer_id is not None else None,
                    _name(names_m, issue.mentor_id) if issue.mentor_id is not None else None,
                )
                if x
            )
            label = ISSUE_LABELS.get(issue.code, issue.code)
            out(f"  ! {who + ': ' if who else ''}{label}")
        self.more(len(issues), shown)
        out("")
        out(
            _(
                "In total: %(matched)s proposed, %(unmatched)s of %(newcomers)s newcomers not "
                "matched, total score %(score)s. Dry run: nothing saved (use --save)."
            )
            % {
                "matched": result.matched,
                "unmatched": len(unmatched),
                "newcomers": result.matched + len(unmatched),
                "score": result.total_score,
            }
        )
