"""A person's own pages: asking again for consent when a new version of a text is
published, their own data (Art. 15) and account deletion (Art. 17); and the coordinator's
export of anyone's data and the retention periods in the Wagtail admin."""

from __future__ import annotations

import functools
import json
import operator

from allauth.account.decorators import reauthentication_required
from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.log_actions import log

from samverka.core.permissions import is_coordinator

from .consent import ConsentRecord, ConsentVersion
from .models import Person
from .privacy import AddressError, Subject
from .retention import RetentionPeriod, due_report

Purpose = ConsentVersion.Purpose


def consent_subject(user, purpose: str):
    """Who consents for this purpose: the user's volunteer record for volunteering (reached
    through its reverse accessor, since people imports no app), their Person otherwise."""
    if not user.is_authenticated:
        return None
    name = "volunteer" if purpose == Purpose.VOLUNTEERING else "person"
    return getattr(user, name, None)


def purposes_needing_consent(user, purposes) -> list[str]:
    """Of these purposes, those for which the user agreed to an earlier text, not the
    current one (in the order given).

    One query for all of them, whoever consents for each (the volunteer record, the
    Person): each subject's consents, newest first, with the current version of their
    purpose beside them. The answers are kept on the request's user, so a page behind
    several purposes (/my/) or asking again costs nothing more."""
    memo = user.__dict__.setdefault("_samverka_consents", {})
    # each purpose's subject, as (content type, pk): whose consents answer it
    keys = {}
    for purpose in purposes:
        subject = consent_subject(user, purpose)
        if subject is not None:
            keys[purpose] = (ContentType.objects.get_for_model(subject).pk, subject.pk)
    unread = sorted({key for key in keys.values() if key not in memo})
    if unread:
        current = Subquery(
            ConsentVersion.objects.published()
            .filter(purpose=OuterRef("version__purpose"))
            .order_by("-version")
            .values("pk")[:1]
        )
        for key in unread:
            memo[key] = {}
        rows = (
            ConsentRecord.objects.filter(
                functools.reduce(
                    operator.or_,
                    (Q(subject_type_id=type_id, subject_id=pk) for type_id, pk in unread),
                )
            )
            .annotate(current=current)
            .order_by("-given_at", "-pk")
            .values_list(
                "subject_type_id", "subject_id", "version__purpose", "version_id", "current"
            )
        )
        for type_id, pk, purpose, version_id, current_id in rows:
            # the newest consent of each purpose decides
            memo[(type_id, pk)].setdefault(purpose, (version_id, current_id))
    waiting = []
    for purpose, key in keys.items():
        latest, current_id = memo[key].get(purpose, (None, None))
        if latest is not None and current_id is not None and latest != current_id:
            waiting.append(purpose)
    return waiting


def needs_new_consent(user, purpose: str) -> bool:
    """True for someone who agreed to an earlier text of this purpose, not the current one."""
    return bool(purposes_needing_consent(user, [purpose]))


def current_consent_required(*purposes: str):
    """Before a person's own pages: if a new text of one of these purposes was published
    since they consented, they read it and agree first (then come back to where they were
    going; the next purpose waiting asks in turn)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            waiting = purposes_needing_consent(request.user, purposes)
            if waiting:
                url = reverse("people:renew_consent", kwargs={"purpose": waiting[0]})
                return redirect(f"{url}?next={request.get_full_path()}")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class RenewConsentForm(forms.Form):
    consent = forms.BooleanField(
        label=gettext_lazy(
            "I have read the text above and agree that my information is stored for this."
        ),
    )


@login_required
def renew_consent(request, purpose):
    if purpose not in Purpose.values:
        raise Http404
    subject = consent_subject(request.user, purpose)
    current = ConsentVersion.objects.current(purpose)
    if subject is None or current is None:
        raise Http404
    next_url = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = "/"
    if subject.has_current_consent(purpose):
        return redirect(next_url)
    form = RenewConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        subject.record_consent(current, ConsentRecord.Method.ONLINE, language=get_language() or "")
        return redirect(next_url)
    return render(
        request,
        "people/renew_consent.html",
        {
            "form": form,
            "consent": current,
            "previous": subject.latest_consent(purpose),
            "next": next_url,
        },
    )


# --- Privacy: the person's own data and the coordinator's export --------------------------

EXPORT_ACTION = "samverka.export_person"
ERASE_ACTION = "samverka.erase_person"
RETENTION_ACTION = "samverka.retention_periods"


def json_download(data: dict, filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- The person's own pages ------------------------------------------------------------


@login_required
def my_data(request):
    subject = Subject.for_user(request.user)
    return render(request, "people/my_data.html", {"sections": subject.export()})


@login_required
def my_data_json(request):
    return json_download(Subject.for_user(request.user).export_json(), "samverka-my-data.json")


@login_required
@require_http_methods(["GET", "POST"])
@reauthentication_required(allow_get=True)
def delete_account(request):
    """Erase the person everywhere and delete the account. allauth asks for the password
    (or the identity provider) again unless the person signed in a few minutes ago."""
    if request.method == "POST":
        user = request.user
        subject = Subject.for_user(user)
        subject.erase(by=None)
        logout(request)
        messages.success(
            request,
            _("Your account has been deleted and your details erased. Thank you for your time."),
        )
        return redirect("/")
    return render(request, "people/delete_account.html")


# --- The coordinator's export in the admin ----------------------------------------------


def _require_coordinator(request):
    if not is_coordinator(request.user):
        raise PermissionDenied


def admin_search(request):
    """Find a person by email address, phone number or record (``newcomer:12``)."""
    _require_coordinator(request)
    address = request.GET.get("q", "").strip()
    subjects, error = [], ""
    if address:
        try:
            subjects = _visible(request.user, Subject.find(address))
        except AddressError as problem:
            error = str(problem)
        else:
            if not subjects:
                error = _("Nobody is registered with %(address)s.") % {"address": address}
    return render(
        request,
        "people/admin/search.html",
        {"address": address, "subjects": subjects, "error": error},
    )


def _visible(user, subjects):
    """The subjects a coordinator may see: those with no Person (volunteers, accounts) and
    those whose Person lives in a municipality they coordinate."""
    from .municipalities import municipality_ids_for

    ids = municipality_ids_for(user)
    if ids is None:
        return subjects
    return [
        subject
        for subject in subjects
        if not (people := [r.obj for r in subject.records if isinstance(r.obj, Person)])
        or any(person.home_municipality_id in ids for person in people)
    ]


def _subject_for(kind: str, pk: int, user=None) -> Subject:
    found = Subject.find(f"{kind}:{pk}")
    if user is not None:
        found = _visible(user, found)
    if not found:
        raise Http404
    return found[0]


def _log_export(request, subject, export_format):
    record = next((r for r in subject.records if r.kind != "account"), subject.records[0])
    log(
        instance=record.obj,
        action=EXPORT_ACTION,
        user=request.user,
        data={
            "records": [f"{r.kind}:{r.obj.pk}" for r in subject.records],
            "format": export_format,
        },
    )


def admin_export(request, kind, pk):
    _require_coordinator(request)
    subject = _subject_for(kind, pk, request.user)  # 404 for another municipality's
    if request.GET.get("format") == "json":
        with transaction.atomic():
            _log_export(request, subject, "json")
        return json_download(subject.export_json(), f"samverka-{kind}-{pk}.json")
    with transaction.atomic():
        _log_export(request, subject, "page")
    return render(
        request,
        "people/admin/export.html",
        {
            "subject": subject,
            "sections": subject.export(),
            "kind": kind,
            "pk": pk,
            "json_url": reverse("people_admin:export", args=[kind, pk]) + "?format=json",
        },
    )


def admin_retention(request):
    """The municipality's retention periods, and what is due now."""
    _require_coordinator(request)
    report = due_report()
    errors = {}
    if request.method == "POST":
        chosen = {}
        for row in report:
            raw = request.POST.get(row["rule"].key, "").strip()
            if not raw.isdigit() or not 1 <= int(raw) <= 36500:
                errors[row["rule"].key] = _("Enter a number of days from 1 to 36500.")
            chosen[row["rule"].key] = raw
        if not errors:
            with transaction.atomic():
                for key, days in chosen.items():
                    period, _created = RetentionPeriod.objects.update_or_create(
                        rule=key, defaults={"days": int(days)}
                    )
                    log(instance=period, action=RETENTION_ACTION, user=request.user)
            messages.success(request, _("The retention periods have been saved."))
            return redirect("people_admin:retention")
        for row in report:
            row["typed"] = chosen.get(row["rule"].key, "")
            row["error"] = errors.get(row["rule"].key, "")
    return render(request, "people/admin/retention.html", {"report": report})
