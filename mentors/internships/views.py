"""Pages for the parties of an internship outside the admin: the employer's
supervisor (a representative), the volunteer mentor and the newcomer; and the
employer's representatives posting internship places for approval."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from associations.models import Organisation
from samverka.core.notify import notify
from samverka.core.permissions import COORDINATOR

from .access import get_internship_for, get_place_for
from .forms import ContactForm, FollowUpForm, PlaceForm
from .models import EMPLOYER_KINDS, FollowUp, Internship, InternshipPlace


def _detail_context(request, internship, access, **extra):
    follow_ups = list(internship.follow_ups.all())
    context = {
        "internship": internship,
        "access": access,
        "follow_ups": follow_ups,
        "contacts": internship.contacts.select_related("author"),
        "contact_form": ContactForm(initial={"party": access.party}),
        "outcomes": internship.outcomes.all() if access.coordinator else [],
    }
    context.update(extra)
    return context


@login_required
def index(request):
    internships = (
        Internship.objects.visible_to(request.user)
        .exclude(status=Internship.Status.CANCELLED)
        .select_related("place__employer", "newcomer__person", "mentor")
        .order_by("-start_date")
    )
    employers = Organisation.objects.filter(
        representatives__user=request.user, kind__in=EMPLOYER_KINDS
    ).order_by("name")
    places = (
        InternshipPlace.objects.of_user(request.user)
        .select_related("employer")
        .with_taken()
        .order_by("-starts_on")
    )
    return TemplateResponse(
        request,
        "internships/index.html",
        {"internships": internships, "places": places, "employers": employers},
    )


@login_required
def detail(request, pk):
    internship, access = get_internship_for(request.user, pk)
    return TemplateResponse(
        request, "internships/detail.html", _detail_context(request, internship, access)
    )


@login_required
@require_POST
def add_contact(request, pk):
    internship, access = get_internship_for(request.user, pk)
    if not access.can_log:
        raise PermissionDenied
    form = ContactForm(request.POST)
    if form.is_valid():
        entry = form.save(commit=False)
        entry.internship = internship
        entry.author = request.user
        entry.save()
        messages.success(request, _("The contact is added to the log."))
        return redirect("internships:detail", pk=internship.pk)
    return TemplateResponse(
        request,
        "internships/detail.html",
        _detail_context(request, internship, access, contact_form=form),
        status=400,
    )


@login_required
def follow_up(request, pk, kind):
    internship, access = get_internship_for(request.user, pk)
    if not access.can_follow_up:
        raise PermissionDenied(
            _("The coordinator, the supervisor or the mentor records follow-ups.")
        )
    record = get_object_or_404(FollowUp, internship=internship, kind=kind)
    form = FollowUpForm(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        form.save_as(request.user)
        messages.success(request, _("The follow-up is recorded."))
        return redirect("internships:detail", pk=internship.pk)
    return TemplateResponse(
        request,
        "internships/follow_up.html",
        {"internship": internship, "follow_up": record, "form": form},
        status=400 if form.errors else 200,
    )


def _employers_of(user):
    return Organisation.objects.filter(
        representatives__user=user,
        kind__in=EMPLOYER_KINDS,
        status=Organisation.Status.APPROVED,
    ).order_by("name")


@login_required
def new_place(request, slug):
    employer = _employers_of(request.user).filter(slug=slug).first()
    if employer is None:
        raise Http404
    form = PlaceForm(request.POST or None, instance=InternshipPlace(employer=employer))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            place = form.save(commit=False)
            place.review = InternshipPlace.Review.PENDING
            place.posted_by = request.user
            place.save()
            coordinators = list(
                get_user_model()
                .objects.filter(groups__name=COORDINATOR, is_active=True)
                .exclude(email="")
                .values_list("email", flat=True)
            )
            if coordinators:
                notify(coordinators, "internships.place_to_approve", {"place": place})
        messages.success(
            request, _("Thank you. A coordinator will look at the place before it is offered.")
        )
        return redirect("internships:index")
    return TemplateResponse(
        request,
        "internships/place_form.html",
        {"form": form, "employer": employer},
        status=400 if form.errors else 200,
    )


@login_required
def edit_place(request, pk):
    place = get_place_for(request.user, pk, write=True)
    form = PlaceForm(request.POST or None, instance=place)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The place is saved."))
        return redirect("internships:index")
    return TemplateResponse(
        request,
        "internships/place_form.html",
        {"form": form, "employer": place.employer, "place": place},
        status=400 if form.errors else 200,
    )
