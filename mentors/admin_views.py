"""The coordinator's matching board in the Wagtail admin.

Both waiting lists with waiting times; "run matching" stores a proposal set (nothing is
sent); the run page shows proposals with scores and explanations, lets the coordinator lock,
forbid and swap pairs and re-run (untouched proposals stay), then approve selected proposals,
which emails the volunteers. Newcomers' answers are recorded here too.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import engine
from .access import get_newcomer_for
from .models import (
    CapacityError,
    ExcludedPair,
    Match,
    MatchingPolicy,
    MatchRun,
    Newcomer,
    available_mentors,
    mentor_record,
)

CRITERION_LABELS = {
    "language": gettext_lazy("language"),
    "distance": gettext_lazy("distance"),
    "interests": gettext_lazy("interests"),
    "profession": gettext_lazy("profession"),
    "age": gettext_lazy("age"),
    "household": gettext_lazy("household"),
    "availability": gettext_lazy("common times"),
}
RULE_LABELS = {
    "distance": gettext_lazy("too far away"),
    "language": gettext_lazy("no shared language at the minimum level"),
    "gender": gettext_lazy("gender preference"),
    "time_slot": gettext_lazy("no common time"),
    "excluded": gettext_lazy("excluded pair"),
    "forbidden": gettext_lazy("forbidden in this run"),
    "capacity": gettext_lazy("no free place"),
}


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
        "No language recorded for this newcomer, so nobody can be proposed."
    ),
    "mentor_without_language": gettext_lazy("No language recorded for this kompis."),
    "zero_capacity": gettext_lazy("This kompis has capacity 0 and gets no newcomer."),
    "duplicate_id": gettext_lazy("A person appears twice."),
    "no_weights": gettext_lazy("All weights are 0, so every score is 0."),
}


def _issue_rows(issues):
    newcomers = Newcomer.objects.in_bulk([i["newcomer"] for i in issues if i.get("newcomer")])
    from associations.models import Volunteer

    volunteers = Volunteer.objects.in_bulk([i["mentor"] for i in issues if i.get("mentor")])
    return [
        {
            "label": ISSUE_LABELS.get(issue["code"], issue["code"]),
            "detail": issue.get("detail", ""),
            "people": [
                str(p)
                for p in (newcomers.get(issue.get("newcomer")), volunteers.get(issue.get("mentor")))
                if p is not None
            ],
        }
        for issue in issues
    ]


def _require(request, perm="mentors.change_match"):
    if not request.user.has_perm(perm):
        raise PermissionDenied


def board(request):
    _require(request, "mentors.view_newcomer")
    newcomers = list(Newcomer.objects.in_line())
    mentors = [
        m for m in available_mentors().order_by("last_name", "first_name") if m.holding < m.capacity
    ]
    for mentor in mentors:
        mentor.free_places = mentor.capacity - mentor.holding
    return TemplateResponse(
        request,
        "mentors/admin/board.html",
        {
            "newcomers": newcomers,
            "mentors": mentors,
            "pending": Newcomer.objects.pending().count(),
            "draft": MatchRun.objects.filter(status=MatchRun.Status.DRAFT).first(),
            "awaiting": Match.objects.filter(status=Match.Status.PROPOSED).select_related(
                "newcomer__person", "volunteer"
            ),
            "flagged": Match.objects.filter(
                status=Match.Status.ACTIVE, flagged_at__isnull=False
            ).select_related("newcomer__person", "volunteer"),
            "policy": MatchingPolicy.objects.current(),
            "answer_form": NewcomerAnswerForm(),
        },
    )


@require_POST
def run_matching(request):
    _require(request, "mentors.add_matchrun")
    run = MatchRun.execute(user=request.user)
    messages.success(
        request,
        _("Matching done: %(count)s proposals. Nothing is sent until you approve.")
        % {"count": run.stats.get("matched", 0)},
    )
    return redirect("mentors_admin:run", pk=run.pk)


def run_detail(request, pk):
    _require(request, "mentors.view_matchrun")
    run = get_object_or_404(MatchRun.objects.select_related("policy"), pk=pk)
    proposals = list(run.proposals.select_related("newcomer__person", "volunteer"))
    approved = set(Match.objects.filter(proposal__run=run).values_list("proposal_id", flat=True))
    locked, forbidden = run.locked_pairs, run.forbidden_pairs
    rows = []
    for p in proposals:
        pair = (p.newcomer_id, p.volunteer_id)
        rows.append(
            {
                "proposal": p,
                "top": [
                    (CRITERION_LABELS.get(c, c), p.breakdown.get(c, 0)) for c in p.top_criteria
                ],
                "breakdown": [(CRITERION_LABELS.get(c, c), v) for c, v in p.breakdown.items()],
                "locked": pair in locked,
                "forbidden": pair in forbidden,
                "approved": p.pk in approved,
                "waiting_days": p.newcomer.waiting_days,
            }
        )
    explanations = run.explanations()
    for row in explanations:
        row["rule_labels"] = [(RULE_LABELS.get(r, r), n) for r, n in row["rules"]]
    return TemplateResponse(
        request,
        "mentors/admin/run.html",
        {
            "run": run,
            "rows": rows,
            "explanations": explanations,
            "issues": _issue_rows(run.issues),
            "is_draft": run.status == MatchRun.Status.DRAFT,
            "pending_changes": bool(
                (locked - {(p.newcomer_id, p.volunteer_id) for p in proposals})
                or (forbidden & {(p.newcomer_id, p.volunteer_id) for p in proposals})
            ),
        },
    )


@require_POST
def run_action(request, pk):
    """Lock, unlock or forbid a proposed pair (applied at the next re-run), swap two
    proposals' mentors, or re-run."""
    _require(request, "mentors.add_matchrun")
    run = get_object_or_404(MatchRun, pk=pk, status=MatchRun.Status.DRAFT)
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
        return redirect("mentors_admin:run", pk=run.pk)
    if action == "swap":
        ids = request.POST.getlist("swap")
        if len(ids) != 2:
            messages.error(request, _("Choose exactly two proposals to swap."))
            return redirect("mentors_admin:run", pk=run.pk)
        new = run.rerun(user=request.user, swap=[int(i) for i in ids])
        messages.success(request, _("Swapped and re-run."))
        return redirect("mentors_admin:run", pk=new.pk)
    if action == "rerun":
        new = run.rerun(user=request.user)
        messages.success(
            request,
            _("Re-run done: %(count)s proposals; untouched proposals stayed.")
            % {"count": new.stats.get("matched", 0)},
        )
        return redirect("mentors_admin:run", pk=new.pk)
    messages.error(request, _("Unknown action."))
    return redirect("mentors_admin:run", pk=run.pk)


@require_POST
def approve(request, pk):
    _require(request, "mentors.add_match")
    run = get_object_or_404(MatchRun, pk=pk, status=MatchRun.Status.DRAFT)
    chosen = run.proposals.filter(pk__in=request.POST.getlist("approve")).select_related(
        "newcomer__person", "volunteer", "run__policy"
    )
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
            _("%(count)s proposals approved; the volunteers get an email.") % {"count": done},
        )
    return redirect("mentors_admin:run", pk=run.pk)


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
    match = get_object_or_404(Match, pk=pk)
    form = NewcomerAnswerForm(request.POST)
    if form.is_valid():
        try:
            if request.POST.get("side") == "volunteer":
                # a kompis without email or account answered by phone
                match.answer_as_volunteer(form.cleaned_data["accept"], form.cleaned_data["reason"])
            else:
                match.answer_as_newcomer(
                    form.cleaned_data["accept"],
                    form.cleaned_data["reason"],
                    recorded_by=request.user,
                )
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
    match = get_object_or_404(Match, pk=pk, status=Match.Status.ACTIVE)
    form = EndMatchAdminForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        match.end(form.cleaned_data["reason"], form.cleaned_data["feedback"])
        messages.success(request, _("The match has ended."))
        return redirect("mentors_admin:board")
    return TemplateResponse(request, "mentors/admin/end_match.html", {"match": match, "form": form})


def candidates(request, pk):
    """Top five mentors for one newcomer, with what excluded the others."""
    newcomer = get_newcomer_for(request.user, pk)
    mentors = {m.pk: m for m in available_mentors()}
    excluded = set(ExcludedPair.objects.values_list("newcomer_id", "volunteer_id"))
    policy = MatchingPolicy.objects.current().engine_policy(excluded)
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
            "excluded": [(RULE_LABELS.get(r, r), n) for r, n in found.excluded_by.items() if n],
            "considered": found.considered,
        },
    )
