"""The coordinator's matching board in the Wagtail admin.

Both waiting lists with waiting times; "run matching" stores a proposal set (nothing is
sent); the run page shows proposals with scores and explanations, lets the coordinator lock,
forbid and swap pairs and re-run (untouched proposals stay), then approve selected proposals,
which emails the volunteers. Newcomers' answers are recorded here too.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Count, F, Q, When, Window
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.log_actions import log

from associations.models import Volunteer
from samverka.people import vocabulary

from . import engine
from .access import (
    candidate_mentors_for,
    excluded_pairs_for,
    get_newcomer_for,
    matches_for,
    mentors_for,
    newcomers_for,
)
from .models import (
    CapacityError,
    ExcludedPair,
    Match,
    MatchingPolicy,
    MatchRun,
    Newcomer,
    mentor_record,
    municipality_exclusions,
)
from .statements import rows

CRITERION_LABELS = {
    "language": gettext_lazy("language"),
    "distance": gettext_lazy("distance"),
    "interests": gettext_lazy("interests"),
    "profession": gettext_lazy("profession"),
    "age": gettext_lazy("age"),
    "household": gettext_lazy("household"),
    "availability": gettext_lazy("common times"),
}
# Short names of the hard rules (column headings, the candidates page).
RULE_LABELS = {
    "distance": gettext_lazy("too far away"),
    "language": gettext_lazy("no shared language at the minimum level"),
    "gender": gettext_lazy("gender preference"),
    "time_slot": gettext_lazy("no common time"),
    "excluded": gettext_lazy("excluded pair"),
    "forbidden": gettext_lazy("forbidden in this run"),
    "capacity": gettext_lazy("no free place"),
}


def rule_phrase(rule: str, count: int, kind: str = "newcomer") -> str:
    """How many candidates a hard rule excluded, as a sentence with a plural form (a count
    of people, never a bare number after a rule's name)."""
    if kind == "mentor":
        phrases = {
            "distance": ngettext(
                "%(count)s newcomer lives too far away",
                "%(count)s newcomers live too far away",
                count,
            ),
            "language": ngettext(
                "%(count)s newcomer shares no language at the minimum level",
                "%(count)s newcomers share no language at the minimum level",
                count,
            ),
            "gender": ngettext(
                "%(count)s newcomer is ruled out by a gender preference",
                "%(count)s newcomers are ruled out by a gender preference",
                count,
            ),
            "time_slot": ngettext(
                "%(count)s newcomer has no common time",
                "%(count)s newcomers have no common time",
                count,
            ),
            "excluded": ngettext(
                "%(count)s newcomer is an excluded pair",
                "%(count)s newcomers are excluded pairs",
                count,
            ),
            "forbidden": ngettext(
                "%(count)s newcomer is forbidden in this run",
                "%(count)s newcomers are forbidden in this run",
                count,
            ),
            "capacity": ngettext(
                "%(count)s newcomer is locked elsewhere",
                "%(count)s newcomers are locked elsewhere",
                count,
            ),
        }
    else:
        phrases = {
            "distance": ngettext(
                "%(count)s kompis lives too far away",
                "%(count)s kompisar live too far away",
                count,
            ),
            "language": ngettext(
                "%(count)s kompis shares no language at the minimum level",
                "%(count)s kompisar share no language at the minimum level",
                count,
            ),
            "gender": ngettext(
                "%(count)s kompis is ruled out by a gender preference",
                "%(count)s kompisar are ruled out by a gender preference",
                count,
            ),
            "time_slot": ngettext(
                "%(count)s kompis has no common time",
                "%(count)s kompisar have no common time",
                count,
            ),
            "excluded": ngettext(
                "%(count)s kompis is an excluded pair (for example after a decline)",
                "%(count)s kompisar are excluded pairs (for example after a decline)",
                count,
            ),
            "forbidden": ngettext(
                "%(count)s kompis is forbidden in this run",
                "%(count)s kompisar are forbidden in this run",
                count,
            ),
            "capacity": ngettext(
                "%(count)s kompis passes the rules but was already full",
                "%(count)s kompisar pass the rules but were already full",
                count,
            ),
        }
    return phrases.get(rule, rule) % {"count": count}


ISSUE_LABELS = {
    "lock_over_capacity": gettext_lazy(
        "Locked pair not kept: the kompis has no free place left for it."
    ),
    "lock_forbidden": gettext_lazy("Locked pair not kept: it is also forbidden or excluded."),
    "lock_duplicate": gettext_lazy("Locked pair not kept: the newcomer is locked to someone else."),
    "lock_unknown": gettext_lazy("Locked pair not kept: one of them is no longer available."),
    "lock_breaks_rule": gettext_lazy("Locked pair kept although it breaks a hard rule."),
    "no_feasible_pair": gettext_lazy("No pair passes the hard rules. Consider the policy."),
    "newcomer_without_language": gettext_lazy(
        "No language recorded for this newcomer, so the language rule excludes every kompis."
    ),
    "mentor_without_language": gettext_lazy(
        "No language recorded for this kompis, so the language rule excludes every newcomer."
    ),
    "zero_capacity": gettext_lazy("This kompis has capacity 0 and gets no newcomer."),
    "duplicate_id": gettext_lazy(
        "A person appears twice with different details and was left out of this run."
    ),
    "no_weights": gettext_lazy("All weights are 0, so every score is 0."),
    "preference_dropped": gettext_lazy(
        "Too many people to also keep the earlier proposals exactly: this re-run was decided "
        "by waiting time and score alone."
    ),
}


def _issue_detail(issue) -> str:
    """The specifics of an issue in the reader's language (the engine's ``detail`` is
    English, for logs and JSON only)."""
    data = issue.get("data") or {}
    code = issue["code"]
    if code == "lock_over_capacity" and "capacity" in data:
        return ngettext(
            "Capacity %(count)s place.", "Capacity %(count)s places.", data["capacity"]
        ) % {"count": data["capacity"]}
    if code == "lock_breaks_rule" and "rule" in data:
        return _("Rule: %(rule)s.") % {"rule": RULE_LABELS.get(data["rule"], data["rule"])}
    if code == "no_feasible_pair" and data:
        return "; ".join(rule_phrase(rule, n) for rule, n in data.items())
    return ""


def _issue_rows(issues):
    newcomers = Newcomer.objects.in_bulk([i["newcomer"] for i in issues if i.get("newcomer")])
    volunteers = Volunteer.objects.in_bulk([i["mentor"] for i in issues if i.get("mentor")])
    return [
        {
            "label": ISSUE_LABELS.get(issue["code"], issue["code"]),
            "detail": _issue_detail(issue),
            "people": [
                p
                for p in (newcomers.get(issue.get("newcomer")), volunteers.get(issue.get("mentor")))
                if p is not None
            ],
        }
        for issue in issues
    ]


# --------------------------------------------------------------------------------------
# Audit trail: the coordinators' matching actions in Wagtail's history
# --------------------------------------------------------------------------------------

LOG_ACTIONS = {
    "mentors.run": (gettext_lazy("Run matching"), gettext_lazy("Matching run")),
    "mentors.rerun": (gettext_lazy("Re-run matching"), gettext_lazy("Matching re-run")),
    "mentors.lock": (gettext_lazy("Lock a proposed pair"), gettext_lazy("Pair locked")),
    "mentors.unlock": (gettext_lazy("Unlock a proposed pair"), gettext_lazy("Pair unlocked")),
    "mentors.forbid": (gettext_lazy("Forbid a proposed pair"), gettext_lazy("Pair forbidden")),
    "mentors.swap": (gettext_lazy("Swap two proposals"), gettext_lazy("Proposals swapped")),
    "mentors.approve": (gettext_lazy("Approve a proposal"), gettext_lazy("Proposal approved")),
    "mentors.answer": (gettext_lazy("Record an answer"), gettext_lazy("Answer recorded")),
    "mentors.decline": (gettext_lazy("Decline a proposal"), gettext_lazy("Proposal declined")),
    "mentors.exclude": (gettext_lazy("Exclude a pair"), gettext_lazy("Pair excluded")),
    "mentors.unexclude": (
        gettext_lazy("Remove an excluded pair"),
        gettext_lazy("Excluded pair removed"),
    ),
    "mentors.end": (gettext_lazy("End a match"), gettext_lazy("Match ended")),
}


@hooks.register("register_log_actions")
def register_log_actions(actions):
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action, label, message)


def _require(request, perm="mentors.change_match"):
    if not request.user.has_perm(perm):
        raise PermissionDenied


def runs_for(user):
    """The matching runs `user` may see and act on: those whose every proposal is for a
    newcomer of the municipalities they coordinate (a run is one coordinator's: see
    `MatchRun.execute`). Read in the statement that loads the run (no query of its own)."""
    from django.db.models import Exists, OuterRef

    from samverka.people.municipalities import scope_q

    from .access import MATCH_SCOPE
    from .models import Proposal

    condition = scope_q(user, MATCH_SCOPE)
    if condition is None:
        return MatchRun.objects.all()
    outside = Proposal.objects.filter(run=OuterRef("pk")).exclude(condition)
    return MatchRun.objects.exclude(Exists(outside))


def get_run_for(user, pk, **filters) -> MatchRun:
    """A run `user` may see (404 otherwise, another municipality's included)."""
    return get_object_or_404(runs_for(user).filter(**filters), pk=pk)


def _check_unmatched(user, run):
    """A run whose proposals are the user's may still list another municipality's
    newcomers among those left unmatched (a run by a regional coordinator): a 404 then.
    One query, only for a scoped user and a run with unmatched newcomers."""
    from django.http import Http404

    from samverka.people.municipalities import municipalities_for, scope

    from .access import NEWCOMER_SCOPE

    ids = {u["id"] for u in run.unmatched if u.get("kind") == "newcomer"}
    if not ids or municipalities_for(user) is None:
        return
    listed = Newcomer.objects.filter(pk__in=ids)
    mine = scope(listed, user, NEWCOMER_SCOPE)
    if listed.exclude(pk__in=mine.values("pk")).exists():  # removed since: not counted
        raise Http404


BOARD_ROWS = 50  # the head of each list; the full lists are the paginated admin listings


def board(request):
    """The board; a POST removes an excluded pair (the board is where they are listed).

    Shows the first ``BOARD_ROWS`` in line and the first kompisar with a free place, with the
    totals, so the page costs the same at any size of waiting list."""
    if request.method == "POST":
        return remove_exclusion(request, request.POST.get("remove_exclusion", ""))
    _require(request, "mentors.view_newcomer")
    user = request.user
    # Six queries of its own, the same for 1 and 10,000 rows: the first newcomers in line
    # and the waiting and pending totals; the first kompisar with a free place and their
    # total; the draft; the proposals awaiting answers and the flagged matches; the policy;
    # the first excluded pairs and their total. A list's total is a window over the same
    # rows (``COUNT(*) OVER ()``, counted before the LIMIT), so it costs no query of its own.
    # Each statement is compiled once per process and kind of coordinator
    # (mentors.statements): building and compiling them cost as much as running them.
    newcomers, waiting_total, pending = _in_line(
        rows(f"board:newcomers:{BOARD_ROWS}", user, _board_newcomers)
    )
    mentors = rows(f"board:mentors:{BOARD_ROWS}", user, _board_mentors)
    excluded = rows(f"board:excluded:{BOARD_ROWS}", user, _board_excluded)
    # the proposals awaiting answers and the active matches without contact, in one query
    awaiting, flagged = [], []
    for match in rows(f"board:matches:{BOARD_ROWS}", user, _board_matches):
        (awaiting if match.status == Match.Status.PROPOSED else flagged).append(match)
    draft = rows(f"board:draft:{BOARD_ROWS}", user, _board_draft)
    return TemplateResponse(
        request,
        "mentors/admin/board.html",
        {
            "newcomers": newcomers,
            "newcomer_rows": _newcomer_rows(newcomers),
            "waiting_total": waiting_total,
            "mentors": mentors,
            "mentor_rows": _mentor_rows(mentors),
            "mentors_total": mentors[0].total if mentors else 0,
            "pending": pending,
            # the latest draft of the user's municipalities, not another coordinator's
            "draft": draft[0] if draft else None,
            "awaiting": awaiting,
            "flagged": flagged,
            "policy": _current_policy(),
            "excluded": excluded,
            "excluded_rows": _excluded_rows(excluded),
            "excluded_total": excluded[0].total if excluded else 0,
        },
    )


def _board_newcomers(user):
    """The first newcomers in line, each row with the totals of those waiting and of those
    whose application is pending: windows over every row, counted before the LIMIT. The
    pending come after everyone in line and are not shown (`_in_line`)."""
    waiting, pending = Newcomer.Status.WAITING, Newcomer.Status.PENDING
    return (
        newcomers_for(user)
        .filter(status__in=(waiting, pending))
        .only(
            "id",
            "status",
            "person__first_name",
            "person__last_name",
            "person__district",
            "person__languages",
            "sfi_course",
            "waiting_since",
            "first_in_line",
        )
        .annotate(
            waiting_total=Window(Count("pk", filter=Q(status=waiting))),
            pending_total=Window(Count("pk", filter=Q(status=pending))),
        )
        # `Newcomer.objects.in_line()`'s order, after the pending
        .order_by(
            Case(When(status=pending, then=1), default=0),
            "-first_in_line",
            "waiting_since",
            "pk",
        )[:BOARD_ROWS]
    )


def _in_line(rows) -> tuple[list, int, int]:
    """The newcomers in line among `_board_newcomers`'s rows, the waiting and pending totals."""
    if not rows:
        return [], 0, 0
    shown = [row for row in rows if row.status == Newcomer.Status.WAITING]
    return shown, rows[0].waiting_total, rows[0].pending_total


def _board_mentors(user):
    """The first kompisar with a free place, each with their total."""
    return (
        mentors_for(user)
        .filter(holding__lt=F("capacity"))
        .select_related(None)
        .only("id", "first_name", "last_name", "district", "capacity", "created_at")
        .annotate(total=_rows_in_all())
        .order_by("last_name", "first_name", "pk")[:BOARD_ROWS]
    )


def _board_excluded(user):
    """The first excluded pairs, each with their total."""
    return (
        excluded_pairs_for(user)
        .only("id", "reason", "source", "created_at", *_PAIR_NAMES)
        .annotate(total=_rows_in_all())[:BOARD_ROWS]
    )


def _board_matches(user):
    """The proposals awaiting answers and the active matches without contact."""
    return (
        matches_for(user)
        .filter(
            Q(status=Match.Status.PROPOSED)
            | Q(status=Match.Status.ACTIVE, flagged_at__isnull=False)
        )
        .only(*_MATCH_FIELDS)
    )


def _board_draft(user):
    """The latest draft of the user's municipalities, not another coordinator's (as
    `.first()` gives it)."""
    drafts = runs_for(user).filter(status=MatchRun.Status.DRAFT).only("pk")
    return (drafts if drafts.ordered else drafts.order_by("pk"))[:1]


def _current_policy():
    """`MatchingPolicy.objects.current()`, its statement kept (the same for everyone)."""
    policies = rows(
        "board:policy", None, lambda user: MatchingPolicy.objects.order_by("-version")[:1]
    )
    return policies[0] if policies else MatchingPolicy.objects.current()


# What the board shows of a pair (a match or an excluded pair): the two people's names.
_PAIR_NAMES = (
    "newcomer__id",
    "newcomer__person__first_name",
    "newcomer__person__last_name",
    "volunteer__id",
    "volunteer__first_name",
    "volunteer__last_name",
)
# What the board shows of a match (names and numbers, answers, last contact).
_MATCH_FIELDS = (
    "id",
    "status",
    "volunteer_answer",
    "newcomer_answer",
    "last_contact_on",
    "flagged_at",
    "approved_at",
    *_PAIR_NAMES,
)


def _rows_in_all():
    """How many rows the query finds in all, beside each of the first rows it returns."""
    return Window(Count("pk"))


# The board's rows worked out here once: the template then writes plain values, where
# walking each row's person, languages and address costs more than the rest of the page.
_PK = 2147483647  # a stand-in for a row's number in an address reversed once per board


def _number(value: int) -> str:
    """A whole number as the template writes it (`{{ value }}`, localized): its digits
    unless thousand separators are on. Worked out here, where writing each row's numbers
    through the template's localization cost about a millisecond per board."""
    if settings.USE_THOUSAND_SEPARATOR:
        return formats.number_format(value)
    return str(value)


def _newcomer_rows(newcomers) -> list[dict]:
    candidates = reverse("mentors_admin:candidates", args=[_PK])
    names = {}  # each language's name translated once per board (`Newcomer.language_names`)

    def languages(newcomer) -> str:
        levels = sorted(newcomer.language_levels().items(), key=lambda kv: -kv[1])
        for code, _level in levels:
            if code not in names:
                names[code] = vocabulary.language_name(code)
        return ", ".join(f"{names[code]} {level}" for code, level in levels)

    return [
        {
            "pk": _number(newcomer.pk),
            "name": newcomer.full_name,
            "first_in_line": newcomer.first_in_line,
            "district": newcomer.district,
            "languages": languages(newcomer),
            "waiting_days": _number(newcomer.waiting_days),
            "candidates_url": candidates.replace(str(_PK), str(newcomer.pk)),
        }
        for newcomer in newcomers
    ]


def _mentor_rows(mentors) -> list[dict]:
    return [
        {
            "pk": _number(mentor.pk),
            "name": mentor.full_name,
            "district": mentor.district,
            "free_places": _number(mentor.capacity - mentor.holding),
            "registered": date_format(timezone.localtime(mentor.created_at)),
        }
        for mentor in mentors
    ]


def _excluded_rows(pairs) -> list[dict]:
    sources = dict(ExcludedPair.Source.choices)
    return [
        {
            "pk": _number(pair.pk),
            "newcomer": pair.newcomer.full_name,
            "newcomer_pk": _number(pair.newcomer_id),
            "volunteer": pair.volunteer.full_name,
            "volunteer_pk": _number(pair.volunteer_id),
            "why": f"{sources.get(pair.source, pair.source)}: {pair.reason}"
            if pair.reason
            else str(sources.get(pair.source, pair.source)),
            "since": date_format(timezone.localtime(pair.created_at)),
        }
        for pair in pairs
    ]


@require_POST
def run_matching(request):
    _require(request, "mentors.add_matchrun")
    run = MatchRun.execute(user=request.user)
    messages.success(
        request,
        ngettext(
            "Matching done: %(count)s proposal. Nothing is sent until you approve.",
            "Matching done: %(count)s proposals. Nothing is sent until you approve.",
            run.stats.get("matched", 0),
        )
        % {"count": run.stats.get("matched", 0)},
    )
    return redirect("mentors_admin:run", pk=run.pk)


def _advantages(proposal):
    return [(CRITERION_LABELS.get(c, c), points) for c, points in proposal.advantages]


def run_detail(request, pk):
    _require(request, "mentors.view_matchrun")
    # another municipality's run is a 404 (checked in the query that loads it)
    run = get_object_or_404(runs_for(request.user).select_related("policy"), pk=pk)
    _check_unmatched(request.user, run)
    proposals = list(run.proposals.select_related("newcomer__person", "volunteer", "runner_up"))
    approved = set(Match.objects.filter(proposal__run=run).values_list("proposal_id", flat=True))
    locked, forbidden = run.locked_pairs, run.forbidden_pairs
    rows = []
    for p in proposals:
        pair = (p.newcomer_id, p.volunteer_id)
        rows.append(
            {
                "proposal": p,
                "breakdown": [(CRITERION_LABELS.get(c, c), v) for c, v in p.breakdown.items()],
                "advantages": _advantages(p),
                "locked": pair in locked,
                "forbidden": pair in forbidden,
                "approved": p.pk in approved,
                "waiting_days": p.newcomer.waiting_days,
            }
        )
    explanations = run.explanations()
    for row in explanations:
        kind = "mentor" if row["kind"] == "mentor" else "newcomer"
        row["rule_phrases"] = [rule_phrase(r, n, kind) for r, n in row["rules"]]
    changes = _change_rows(run.stats.get("changes"))
    return TemplateResponse(
        request,
        "mentors/admin/run.html",
        {
            "run": run,
            "rows": rows,
            "explanations": explanations,
            "issues": _issue_rows(run.issues),
            "changes": changes,
            "is_draft": run.status == MatchRun.Status.DRAFT,
            "pending_changes": bool(
                (locked - {(p.newcomer_id, p.volunteer_id) for p in proposals})
                or (forbidden & {(p.newcomer_id, p.volunteer_id) for p in proposals})
            ),
        },
    )


def _change_rows(changes):
    """The re-run's differences from the run before, with names."""
    if not changes:
        return None
    changed = changes.get("changed", [])
    newcomers = Newcomer.objects.in_bulk([c["newcomer"] for c in changed])
    volunteers = Volunteer.objects.in_bulk(
        [v for c in changed for v in (c["before"], c["after"]) if v is not None]
    )
    return {
        "kept": changes.get("kept", 0),
        "rows": [
            {
                "newcomer": newcomers.get(c["newcomer"]),
                "before": volunteers.get(c["before"]),
                "after": volunteers.get(c["after"]),
            }
            for c in changed
        ],
    }


@require_POST
def run_action(request, pk):
    """Lock, unlock or forbid a proposed pair (applied at the next re-run), swap two
    proposals' mentors, or re-run."""
    _require(request, "mentors.add_matchrun")
    run = get_run_for(request.user, pk, status=MatchRun.Status.DRAFT)
    action = request.POST.get("action")
    if action in ("lock", "unlock", "forbid"):
        proposal = get_object_or_404(run.proposals, pk=request.POST.get("proposal"))
        pair = [proposal.newcomer_id, proposal.volunteer_id]
        locked = [p for p in run.locked if p != pair]
        forbidden = [p for p in run.forbidden if p != pair]
        if action == "lock":
            locked.append(pair)
            messages.success(request, _("Locked: %(pair)s.") % {"pair": proposal})
        elif action == "forbid":
            forbidden.append(pair)
            messages.success(
                request, _("Forbidden: %(pair)s. Re-run to find another pair.") % {"pair": proposal}
            )
        else:
            messages.success(request, _("Unlocked: %(pair)s.") % {"pair": proposal})
        run.locked, run.forbidden = sorted(locked), sorted(forbidden)
        run.save(update_fields=["locked", "forbidden"])
        log(
            run,
            f"mentors.{action}",
            user=request.user,
            data={"newcomer": pair[0], "volunteer": pair[1], "pair": str(proposal)},
        )
        return redirect("mentors_admin:run", pk=run.pk)
    if action == "swap":
        ids = request.POST.getlist("swap")
        if len(ids) != 2 or not all(i.isdigit() for i in ids):
            messages.error(request, _("Choose exactly two proposals to swap."))
            return redirect("mentors_admin:run", pk=run.pk)
        if run.proposals.filter(pk__in=ids).count() != 2:
            messages.error(request, _("Choose exactly two proposals to swap."))
            return redirect("mentors_admin:run", pk=run.pk)
        log(run, "mentors.swap", user=request.user, data={"proposals": [int(i) for i in ids]})
        new = run.rerun(user=request.user, swap=[int(i) for i in ids])
        messages.success(request, _("Swapped and re-run."))
        return redirect("mentors_admin:run", pk=new.pk)
    if action == "rerun":
        new = run.rerun(user=request.user)
        changed = len(new.stats.get("changes", {}).get("changed", []))
        messages.success(
            request,
            ngettext(
                "Re-run done: %(count)s proposal, %(changed)s newcomer's proposal changed.",
                "Re-run done: %(count)s proposals, %(changed)s newcomers' proposals changed.",
                new.stats.get("matched", 0),
            )
            % {"count": new.stats.get("matched", 0), "changed": changed},
        )
        return redirect("mentors_admin:run", pk=new.pk)
    messages.error(request, _("Unknown action."))
    return redirect("mentors_admin:run", pk=run.pk)


@require_POST
def approve(request, pk):
    _require(request, "mentors.add_match")
    run = get_run_for(request.user, pk, status=MatchRun.Status.DRAFT)
    chosen = run.proposals.filter(
        pk__in=[i for i in request.POST.getlist("approve") if i.isdigit()]
    ).select_related("newcomer__person", "volunteer", "run__policy")
    forbidden = run.forbidden_pairs
    done = 0
    for proposal in chosen:
        if (proposal.newcomer_id, proposal.volunteer_id) in forbidden:
            messages.error(request, _("%(pair)s is forbidden.") % {"pair": proposal})
            continue
        try:
            proposal.approve(request.user)
            done += 1
        except CapacityError as error:
            messages.error(request, str(error))
    if done:
        messages.success(
            request,
            ngettext(
                "%(count)s proposal approved; the volunteer gets an email.",
                "%(count)s proposals approved; the volunteers get an email.",
                done,
            )
            % {"count": done},
        )
    return redirect("mentors_admin:run", pk=run.pk)


def remove_exclusion(request, pk):
    """Let a declined (or excluded) pair be proposed again."""
    _require(request, "mentors.delete_excludedpair")
    if not str(pk).isdigit():
        messages.error(request, _("Choose an excluded pair to remove."))
        return redirect("mentors_admin:board")
    pair = get_object_or_404(excluded_pairs_for(request.user), pk=pk)
    log(
        pair,
        "mentors.unexclude",
        user=request.user,
        data={"newcomer": pair.newcomer_id, "volunteer": pair.volunteer_id},
    )
    pair.delete()
    messages.success(request, _("%(pair)s may be proposed again in the next run.") % {"pair": pair})
    return redirect("mentors_admin:board")


class NewcomerAnswerForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=gettext_lazy("The newcomer's answer"),
        choices=[("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))],
        coerce=lambda value: value == "yes",
    )
    reason = forms.CharField(label=gettext_lazy("If no: why?"), required=False)


@require_POST
def record_answer(request, pk):
    _require(request)
    match = get_object_or_404(matches_for(request.user), pk=pk)
    form = NewcomerAnswerForm(request.POST)
    if form.is_valid():
        accept = form.cleaned_data["accept"]
        side = "volunteer" if request.POST.get("side") == "volunteer" else "newcomer"
        try:
            if side == "volunteer":
                # a kompis without email or account answered by phone
                match.answer_as_volunteer(
                    accept, form.cleaned_data["reason"], recorded_by=request.user
                )
            else:
                match.answer_as_newcomer(
                    accept, form.cleaned_data["reason"], recorded_by=request.user
                )
            if accept:
                log(match, "mentors.answer", user=request.user, data={"side": side})
            messages.success(
                request,
                _("Answer recorded: %(match)s is %(status)s.")
                % {"match": match, "status": match.get_status_display()},
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Choose yes or no."))
    return redirect("mentors_admin:board")


class EndMatchAdminForm(forms.Form):
    reason = forms.ChoiceField(
        label=gettext_lazy("Why did it end?"), choices=Match.EndReason.choices
    )
    feedback = forms.CharField(
        label=gettext_lazy("Feedback"), required=False, widget=forms.Textarea
    )


def end_match(request, pk):
    _require(request)
    match = get_object_or_404(matches_for(request.user), pk=pk, status=Match.Status.ACTIVE)
    form = EndMatchAdminForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        match.end(form.cleaned_data["reason"], form.cleaned_data["feedback"])
        log(match, "mentors.end", user=request.user, data={"reason": match.end_reason})
        messages.success(request, _("The match has ended."))
        return redirect("mentors_admin:board")
    return TemplateResponse(request, "mentors/admin/end_match.html", {"match": match, "form": form})


def candidates(request, pk):
    """Top five mentors for one newcomer, with what excluded the others."""
    newcomer = get_newcomer_for(request.user, pk)
    current = MatchingPolicy.objects.current()
    mentors = {m.pk: m for m in candidate_mentors_for(request.user, current)}
    policy = current.engine_policy(
        ExcludedPair.objects.pairs()
        | municipality_exclusions([newcomer], list(mentors.values()), current)
    )
    found = engine.top_candidates(
        newcomer.record(), [mentor_record(m) for m in mentors.values()], policy
    )
    return TemplateResponse(
        request,
        "mentors/admin/candidates.html",
        {
            "newcomer": newcomer,
            "candidates": [
                {
                    "mentor": mentors[c.id],
                    "score": c.score,
                    "distance_km": c.distance_km,
                    "top": [(CRITERION_LABELS.get(k, k), c.breakdown[k]) for k in c.top_criteria],
                }
                for c in found.candidates
            ],
            "excluded": [rule_phrase(r, n) for r, n in found.excluded_by.items() if n],
            "considered": found.considered,
        },
    )
