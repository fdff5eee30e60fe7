import functools

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from samverka.core.cache import key_part
from samverka.core.discovery import collect
from samverka.core.fragments import bound_filter_fields, filter_fields_html, from_row_values
from samverka.core.notify import notify
from samverka.core.paging import kept_page, known_page, page_number, page_of
from samverka.core.public_forms import PublicFormGuard, may_mail
from samverka.core.steps import FormSteps
from samverka.people.models import ConsentVersion
from samverka.people.views import current_consent_required

from .access import (
    get_access_request_for,
    get_membership_for,
    get_organisation_for,
    get_representative_for,
)
from .filters import DirectoryFilter
from .forms import (
    AccessRequestForm,
    AccountForm,
    BecomeVolunteerForm,
    OrganisationEditForm,
    OrganisationRegistrationForm,
    RepresentativeInviteForm,
    VolunteerConsentForm,
    VolunteerInviteForm,
    VolunteerProfileForm,
    current_consent,
)
from .listing import DIRECTORY, card_html, directory_summary
from .models import (
    AccessRequest,
    Invitation,
    Membership,
    Organisation,
    Representative,
    Volunteer,
)

PAGE_SIZE = 20
VOLUNTEER_GUARD = PublicFormGuard("volunteer")
ORGANISATION_GUARD = PublicFormGuard("organisation")
INVITATION_GUARD = PublicFormGuard("invitation")
DIRECTORY_FIELDS = [
    "name",
    "slug",
    "kind",
    "district",
    "city",
    "description",
    "description_translations",
    "logo",
    "languages",
    "activities",
]


def coordinator_emails() -> list[str]:
    User = get_user_model()
    return list(
        User.objects.filter(groups__name="Coordinator", is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


# --- Public ------------------------------------------------------------------


@require_safe
def directory(request):
    """Approved, listed organisations; a GET filter form that works without JavaScript."""
    filterset = _DirectoryFilterOnce(request)
    kept = _directory_page(request, filterset, page_number(request.GET.get("page")))
    page = known_page(
        [from_row_values(Organisation, row) for row in kept["rows"]],
        kept["number"],
        kept["count"],
        PAGE_SIZE,
    )
    counts = kept["counts"]
    kinds = [
        {"value": value, "label": label, "count": counts.get(value, 0)}
        for value, label in Organisation.Kind.choices
    ]
    return render(
        request,
        "associations/directory.html",
        {
            # Built only where it is used (a filter with errors): a kept page needs none.
            "filter": SimpleLazyObject(filterset),
            "filter_fields_html": kept["filter_html"],
            "filter_errors": kept["filter_errors"],
            "page_obj": page,
            "organisations": page.object_list,
            "cards": card_html(page.object_list),
            "kinds": kinds,
            "total": sum(counts.values()),
            "is_filtered": any(
                request.GET.get(name) for name in ("q", "kind", "district", "language", "activity")
            ),
        },
    )


# Pages of the directory kept per filter: later pages are seldom read, and a page number
# that anyone can type would otherwise make a new entry each.
KEPT_DIRECTORY_PAGES = 5
# Pages kept per directory generation (anyone can type anything in the search field).
KEPT_DIRECTORIES = 500


class _DirectoryFilterOnce:
    """The request's DirectoryFilter, built the first time it is asked for (with the
    districts of `directory_summary`): a kept page builds none."""

    def __init__(self, request):
        self.request = request
        self.districts = None
        self.filterset = None

    def __call__(self) -> DirectoryFilter:
        if self.filterset is None:
            if self.districts is None:
                self.districts, _counts = directory_summary()
            self.filterset = DirectoryFilter(
                self.request.GET or None,
                queryset=Organisation.objects.listed().only(*DIRECTORY_FIELDS),
                districts=self.districts,
            )
        return self.filterset


def _directory_page(request, filterset, wanted: int) -> dict:
    """What a page of the directory shows: its rows (`row_values` of DIRECTORY_FIELDS),
    number and the number of all, the listed organisations per kind, and the filter's
    fields (HTML) and whether it has errors, for the values as typed.

    The same for everyone per language, typed values and page (the first
    KEPT_DIRECTORY_PAGES) until an organisation changes (`associations.listing.DIRECTORY`),
    at most KEPT_DIRECTORIES of them per generation."""
    from samverka.core.fragments import row_values

    def build() -> dict:
        districts, counts = directory_summary()  # query: districts and kinds, grouped
        filterset.districts = districts
        built = filterset()
        # query: the page's rows with the count of all (samverka.core.paging)
        page = page_of(built.qs.order_by("name", "pk"), wanted, PAGE_SIZE)
        filter_html, filter_errors = _filter_fields_html(built, districts)
        return {
            "rows": [row_values(row) for row in page.object_list],
            "number": page.number,
            "count": page.paginator.count,
            "counts": counts,
            "filter_html": filter_html,
            "filter_errors": filter_errors,
        }

    if wanted > KEPT_DIRECTORY_PAGES:
        return build()
    # As the form reads them: each field's widget takes the last value given for its name.
    typed = tuple(request.GET.get(name) for name in DirectoryFilter.base_filters)
    generation = DIRECTORY.current()
    return kept_page(
        f"associations:directory:{generation}:{get_language()}:"
        + key_part(repr(typed) if request.GET else "unbound")
        + f":{wanted}",
        f"associations:directory:kept:{generation}",
        KEPT_DIRECTORIES,
        build,
    )


FILTER_FIELDS_TEMPLATE = "associations/includes/directory_filter_fields.html"


def _filter_fields_html(filterset, districts) -> tuple[str, bool]:
    """The filter form's fields (`samverka.core.fragments.filter_fields_html`, written
    once per process for each set of choices, values and errors) and whether the form
    has errors. An unfiltered directory builds no form: its fields are empty."""
    shape = _filter_shape(tuple(districts), get_language() or "")
    if not filterset.is_bound:
        fields = [
            (name, label, "", shape["choices"].get(name), "")
            for name, label in shape["labels"].items()
        ]
        errors = False
    else:
        form = filterset.form
        fields = bound_filter_fields(form, shape["choices"], shape["labels"])
        errors = bool(form.errors)
    html = filter_fields_html(
        FILTER_FIELDS_TEMPLATE, fields, mark_empty=False, label_suffix=shape["label_suffix"]
    )
    return html, errors


@functools.lru_cache(maxsize=64)
def _filter_shape(districts: tuple, language: str) -> dict:
    """The filter form's labels and choices (with their empty choice) as plain values,
    as Django's form has them for these districts in this language: built once per
    process for each, not for every render."""
    form = DirectoryFilter(None, queryset=Organisation.objects.none(), districts=districts).form
    return {
        "labels": {field.name: str(field.label) for field in form},
        "choices": {
            field.name: tuple((str(v), str(label)) for v, label in field.field.choices)
            for field in form
            if getattr(field.field, "choices", None) is not None
        },
        "label_suffix": str(form.label_suffix),
    }


@require_safe
def detail(request, slug):
    """An organisation's public page: only its public fields.

    Other apps add sections (events: the organisation's upcoming events) with an
    `organisation_page.py` module whose SECTIONS are functions
    `section(request, organisation)` returning None or a dict with `title` and
    `template`, as `my_pages.py` does for /my/.
    """
    organisation = get_object_or_404(Organisation.objects.listed(), slug=slug)
    language = get_language() or "sv"
    translated = (organisation.description_translations or {}).get(language)
    sections = [
        section(request, organisation) for section in collect("organisation_page", "SECTIONS")
    ]
    return render(
        request,
        "associations/detail.html",
        {
            "organisation": organisation,
            "description": translated or organisation.description,
            "description_lang": language if translated else "sv",
            "sections": [s for s in sections if s],
        },
    )


def become_volunteer(request):
    """Anyone may offer to volunteer; a coordinator vets them before any matching."""
    if request.user.is_authenticated and Volunteer.objects.filter(user=request.user).exists():
        messages.info(request, _("You are already registered as a volunteer."))
        return redirect("associations:volunteer_profile")
    consent = current_consent()
    initial = {}
    if request.user.is_authenticated:
        initial = {
            "email": request.user.email,
            "first_name": request.user.first_name,
            "last_name": request.user.last_name,
        }
    # In short steps (samverka.core.steps); the guard and the saving run on the last one.
    steps = FormSteps(
        request,
        BecomeVolunteerForm,
        BecomeVolunteerForm.STEPS,
        salt="associations.become_volunteer",
        form_kwargs={"initial": initial},
    )
    form = steps.form
    status = VOLUNTEER_GUARD.refuse(request, form) if steps.submitted else None
    if steps.is_valid() and status is None and consent is not None:
        with transaction.atomic():
            volunteer = form.save(commit=False)
            volunteer.status = Volunteer.Status.PENDING
            volunteer.source = Volunteer.Source.PUBLIC_FORM
            if request.user.is_authenticated:
                volunteer.user = request.user
            volunteer.save()
            volunteer.record_consent(
                consent, Volunteer.ConsentMethod.ONLINE, language=get_language() or ""
            )
            if may_mail(volunteer.email):
                notify(
                    volunteer.email,
                    "associations.volunteer_signup",
                    {"volunteer": volunteer},
                )
            coordinators = coordinator_emails()
            if coordinators:
                notify(
                    coordinators,
                    "associations.volunteer_to_vet",
                    {"volunteer": volunteer},
                    language="sv",
                )
        return redirect("associations:become_volunteer_thanks")
    return render(
        request,
        "associations/become_volunteer.html",
        {"form": form, "steps": steps, "consent": consent},
        status=status or 200,
    )


@require_safe
def become_volunteer_thanks(request):
    return render(request, "associations/become_volunteer_thanks.html")


# --- Registration and access ----------------------------------------------------


@login_required
def register(request):
    form = OrganisationRegistrationForm(request.POST or None, request.FILES or None)
    status = ORGANISATION_GUARD.refuse(request, form) if request.method == "POST" else None
    if status is None and request.method == "POST" and form.is_valid():
        with transaction.atomic():
            organisation = form.save(commit=False)
            organisation.status = Organisation.Status.PENDING
            organisation.is_listed = False
            if not organisation.contact_email:
                organisation.contact_email = request.user.email
            organisation.save()
            Representative.objects.create(
                organisation=organisation,
                user=request.user,
                role=Representative.Role.ADMIN,
                language=get_language() or "sv",
            )
            if may_mail(request.user.email):
                notify(
                    request.user.email,
                    "associations.organisation_registered",
                    {"organisation": organisation},
                )
            coordinators = coordinator_emails()
            if coordinators:
                notify(
                    coordinators,
                    "associations.organisation_to_approve",
                    {"organisation": organisation},
                    language="sv",
                )
        messages.success(
            request,
            _(
                "Thank you! %(name)s is registered. A coordinator at the municipality will "
                "review it, and we will email you when it is approved."
            )
            % {"name": organisation.name},
        )
        return redirect("associations:manage", slug=organisation.slug)
    return render(
        request,
        "associations/register.html",
        {"form": form, "existing": form.existing_organisation},
        status=status or 200,
    )


@login_required
def request_access(request, number):
    organisation = get_object_or_404(Organisation, organisation_number=number)
    if organisation.representatives.filter(user=request.user).exists():
        return redirect("associations:manage", slug=organisation.slug)
    pending = AccessRequest.objects.filter(
        organisation=organisation, user=request.user, status=AccessRequest.Status.PENDING
    ).exists()
    form = AccessRequestForm(request.POST or None)
    if request.method == "POST" and not pending and form.is_valid():
        with transaction.atomic():
            access_request = AccessRequest.objects.create(
                organisation=organisation, user=request.user, message=form.cleaned_data["message"]
            )
            context = {
                "organisation": organisation,
                "access_request": access_request,
                "url": request.build_absolute_uri(
                    reverse("associations:manage", args=[organisation.slug])
                ),
            }
            if not organisation.email_admins("associations.access_request", context):
                coordinators = coordinator_emails()
                if coordinators:
                    notify(coordinators, "associations.access_request", context, language="sv")
        messages.success(
            request,
            _("Your request has been sent to the administrators of %(name)s.")
            % {"name": organisation.name},
        )
        return redirect("core:my_pages")
    return render(
        request,
        "associations/request_access.html",
        {"organisation": organisation, "form": form, "pending": pending},
    )


# --- A representative's pages ------------------------------------------------------


@login_required
def manage(request, slug):
    organisation, access = get_organisation_for(request.user, slug)
    representatives = organisation.representatives.select_related("user").order_by(
        "role", "user__first_name"
    )
    memberships = (
        organisation.memberships.exclude(status=Membership.Status.ENDED)
        .select_related("volunteer")
        .order_by("volunteer__first_name", "volunteer__last_name")
    )
    return render(
        request,
        "associations/manage.html",
        {
            "organisation": organisation,
            "access": access,
            "representatives": representatives,
            "memberships": memberships,
            "access_requests": organisation.access_requests.filter(
                status=AccessRequest.Status.PENDING
            ).select_related("user"),
            "invitations": organisation.invitations.filter(accepted_at__isnull=True),
        },
    )


@login_required
def edit(request, slug):
    organisation, access = get_organisation_for(request.user, slug, write=True)
    form = OrganisationEditForm(request.POST or None, request.FILES or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, _("The profile has been saved."))
        return redirect("associations:manage", slug=organisation.slug)
    return render(request, "associations/edit.html", {"organisation": organisation, "form": form})


def _send_invitation(request, invitation):
    url = request.build_absolute_uri(reverse("associations:invitation", args=[invitation.token()]))
    notify(
        invitation.email,
        f"associations.{invitation.kind}_invitation",
        {
            "invitation": invitation,
            "organisation": invitation.organisation,
            "inviter": request.user,
            "url": url,
            "days": Invitation.MAX_AGE // 86400,
        },
    )


@login_required
def invite_representative(request, slug):
    organisation, access = get_organisation_for(request.user, slug, write=True)
    form = RepresentativeInviteForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            invitation = Invitation.objects.create(
                organisation=organisation,
                kind=Invitation.Kind.REPRESENTATIVE,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
            )
            _send_invitation(request, invitation)
        messages.success(
            request, _("An invitation has been sent to %(email)s.") % {"email": invitation.email}
        )
        return redirect("associations:manage", slug=organisation.slug)
    return render(
        request,
        "associations/invite.html",
        {
            "organisation": organisation,
            "form": form,
            "title": _("Invite a representative"),
        },
    )


@login_required
def invite_volunteer(request, slug):
    organisation, access = get_organisation_for(request.user, slug)
    form = VolunteerInviteForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            invitation = Invitation.objects.create(
                organisation=organisation,
                kind=Invitation.Kind.VOLUNTEER,
                email=form.cleaned_data["email"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                invited_by=request.user,
            )
            _send_invitation(request, invitation)
        messages.success(
            request, _("An invitation has been sent to %(email)s.") % {"email": invitation.email}
        )
        return redirect("associations:manage", slug=organisation.slug)
    return render(
        request,
        "associations/invite.html",
        {"organisation": organisation, "form": form, "title": _("Invite a volunteer")},
    )


@login_required
@require_POST
def remove_representative(request, slug, pk):
    # A representative may always leave; removing someone else takes an admin.
    representative, access = get_representative_for(request.user, slug, pk)
    if representative.user_id != request.user.pk and not access.can_write:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied(_("Only the organisation's administrators may change this."))
    organisation = representative.organisation
    with transaction.atomic():
        # Lock the organisation's admins so that two admins removing each other
        # at the same moment cannot both succeed.
        admins = list(
            Representative.objects.select_for_update()
            .filter(organisation=organisation, role=Representative.Role.ADMIN)
            .values_list("pk", flat=True)
        )
        if representative.is_admin and admins == [representative.pk]:
            messages.error(
                request,
                _(
                    "%(name)s is the organisation's only administrator and cannot be removed. "
                    "Make someone else an administrator first."
                )
                % {"name": representative.user.get_full_name() or representative.user.email},
            )
            return redirect("associations:manage", slug=organisation.slug)
        representative.delete()
    messages.success(request, _("The representative has been removed."))
    if representative.user_id == request.user.pk and not access.coordinator:
        return redirect("core:my_pages")
    return redirect("associations:manage", slug=organisation.slug)


@login_required
@require_POST
def change_role(request, slug, pk):
    representative, access = get_representative_for(request.user, slug, pk, write=True)
    role = request.POST.get("role")
    if role not in Representative.Role.values:
        messages.error(request, _("Choose a role."))
        return redirect("associations:manage", slug=slug)
    with transaction.atomic():
        admins = list(
            Representative.objects.select_for_update()
            .filter(organisation=representative.organisation, role=Representative.Role.ADMIN)
            .values_list("pk", flat=True)
        )
        if role != Representative.Role.ADMIN and admins == [representative.pk]:
            messages.error(
                request,
                _("The organisation must keep at least one administrator."),
            )
            return redirect("associations:manage", slug=slug)
        representative.role = role
        representative.save(update_fields=["role"])
    messages.success(request, _("The role has been changed."))
    return redirect("associations:manage", slug=slug)


@login_required
@require_POST
def decide_access_request(request, slug, pk):
    access_request, access = get_access_request_for(request.user, slug, pk, write=True)
    grant = request.POST.get("decision") == "grant"
    if access_request.status != AccessRequest.Status.PENDING:
        messages.info(request, _("This request has already been answered."))
        return redirect("associations:manage", slug=slug)
    organisation = access_request.organisation
    with transaction.atomic():
        access_request.status = (
            AccessRequest.Status.GRANTED if grant else AccessRequest.Status.DECLINED
        )
        access_request.decided_at = timezone.now()
        access_request.save(update_fields=["status", "decided_at"])
        if grant:
            Representative.objects.get_or_create(
                organisation=organisation,
                user=access_request.user,
                defaults={"role": Representative.Role.CONTACT},
            )
        notify(
            access_request.user.email,
            f"associations.access_{access_request.status}",
            {"organisation": organisation},
        )
    messages.success(
        request,
        _("Access granted.") if grant else _("The request has been declined."),
    )
    return redirect("associations:manage", slug=slug)


@login_required
@require_POST
def withdraw_invitation(request, slug, pk):
    organisation, access = get_organisation_for(request.user, slug)
    invitation = get_object_or_404(
        Invitation, organisation=organisation, pk=pk, accepted_at__isnull=True
    )
    # Admins withdraw any invitation; a contact person only those they sent.
    if not access.can_write and invitation.invited_by_id != request.user.pk:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied(_("Only the organisation's administrators may change this."))
    invitation.delete()
    messages.success(
        request,
        _("The invitation to %(email)s has been withdrawn; its link no longer works.")
        % {"email": invitation.email},
    )
    return redirect("associations:manage", slug=slug)


@login_required
@require_POST
def end_membership(request, slug, pk):
    membership, access = get_membership_for(request.user, slug, pk, write=True)
    with transaction.atomic():
        membership.status = Membership.Status.ENDED
        membership.ended_at = timezone.now()
        membership.save(update_fields=["status", "ended_at"])
    messages.success(
        request,
        _("%(name)s no longer volunteers through your organisation.")
        % {"name": membership.volunteer.full_name},
    )
    return redirect("associations:manage", slug=slug)


# --- Invitations ---------------------------------------------------------------------


def _create_account(invitation, account_form, first_name, last_name):
    User = get_user_model()
    user = User(
        username=invitation.email[:150],
        email=invitation.email,
        first_name=first_name,
        last_name=last_name,
    )
    user.set_password(account_form.cleaned_data["password1"])
    user.save()
    # The invitation reached this address: it is confirmed.
    EmailAddress.objects.create(user=user, email=invitation.email, verified=True, primary=True)
    return user


def invitation(request, token):
    try:
        invitation = Invitation.from_token(token)
    except Invitation.Invalid as error:
        return render(
            request,
            "associations/invitation_invalid.html",
            {"message": error.message},
            status=410,
        )
    user = request.user if request.user.is_authenticated else None
    if user is not None and not invitation.is_for(user):
        # Nothing is changed: the person signed in is not (provably) the one invited.
        return render(
            request,
            "associations/invitation_other_address.html",
            {"invitation": invitation, "organisation": invitation.organisation},
            status=403,
        )
    refusal = INVITATION_GUARD.check(request)
    if refusal is not None:
        return render(
            request,
            "associations/invitation_invalid.html",
            {"message": refusal.message},
            status=refusal.status,
        )
    existing_account = None
    if user is None:
        existing_account = invitation.address_has_account()
    is_volunteer = invitation.kind == Invitation.Kind.VOLUNTEER
    consent = current_consent() if is_volunteer else None

    volunteer = None
    if is_volunteer:
        if user is not None:
            volunteer = Volunteer.objects.filter(user=user).first()
        if volunteer is None:
            # Registered earlier without an account (by a coordinator, or the public form).
            volunteer = Volunteer.objects.filter(
                user__isnull=True, email__iexact=invitation.email
            ).first()
    data = request.POST if request.method == "POST" else None
    forms = {}
    if user is None and not existing_account:
        forms["account"] = AccountForm(data, prefix="account", email=invitation.email)
        if is_volunteer:
            # The volunteer form asks for the name.
            del forms["account"].fields["first_name"]
            del forms["account"].fields["last_name"]
    if is_volunteer:
        forms["profile"] = VolunteerProfileForm(
            data,
            prefix="profile",
            instance=volunteer
            or Volunteer(first_name=invitation.first_name, last_name=invitation.last_name),
        )
        if volunteer is None or volunteer.needs_new_consent:
            forms["consent"] = VolunteerConsentForm(data, prefix="consent")

    if request.method == "POST" and (user is not None or not existing_account):
        if all(form.is_valid() for form in forms.values()):
            with transaction.atomic():
                # Single use even when the link is clicked twice at once: only one
                # request can flip accepted_at from empty.
                claimed = Invitation.objects.filter(
                    pk=invitation.pk, accepted_at__isnull=True
                ).update(accepted_at=timezone.now())
                if not claimed:
                    return render(
                        request,
                        "associations/invitation_invalid.html",
                        {"message": _("This invitation has already been used.")},
                        status=410,
                    )
                if user is None:
                    if is_volunteer:
                        profile = forms["profile"].cleaned_data
                        user = _create_account(
                            invitation,
                            forms["account"],
                            profile["first_name"],
                            profile["last_name"],
                        )
                    else:
                        account = forms["account"].cleaned_data
                        user = _create_account(
                            invitation,
                            forms["account"],
                            account["first_name"],
                            account["last_name"],
                        )
                Invitation.objects.filter(pk=invitation.pk).update(accepted_by=user)
                if is_volunteer:
                    _accept_as_volunteer(invitation, user, forms, consent)
                else:
                    Representative.objects.get_or_create(
                        organisation=invitation.organisation,
                        user=user,
                        defaults={
                            "role": invitation.role or Representative.Role.CONTACT,
                            "language": get_language() or "sv",
                        },
                    )
            if not request.user.is_authenticated:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _("Welcome! You are now connected to %(name)s.")
                % {"name": invitation.organisation.name},
            )
            if is_volunteer:
                return redirect("associations:volunteer_profile")
            return redirect("associations:manage", slug=invitation.organisation.slug)
    return render(
        request,
        "associations/invitation.html",
        {
            "invitation": invitation,
            "organisation": invitation.organisation,
            "forms": forms,
            "consent": consent if "consent" in forms else None,
            "existing_account": existing_account,
            "login_url": f"{reverse('account_login')}?next={request.path}",
            "is_volunteer": is_volunteer,
        },
    )


def _accept_as_volunteer(invitation, user, forms, consent):
    volunteer = forms["profile"].save(commit=False)
    if volunteer.pk is None:
        volunteer.source = Volunteer.Source.INVITATION
        # Vouched for by the organisation that invited them.
        volunteer.status = Volunteer.Status.VETTED
        volunteer.vetted_at = timezone.now()
        volunteer.vetted_by = invitation.invited_by
    volunteer.user = user
    volunteer.email = volunteer.email or invitation.email
    volunteer.save()
    if "consent" in forms:
        volunteer.record_consent(
            consent, Volunteer.ConsentMethod.ONLINE, language=get_language() or ""
        )
    Membership.objects.update_or_create(
        volunteer=volunteer,
        organisation=invitation.organisation,
        defaults={"status": Membership.Status.ACTIVE, "ended_at": None},
    )


# --- The volunteer's own profile --------------------------------------------------------


@login_required
@current_consent_required(ConsentVersion.Purpose.VOLUNTEERING)
def volunteer_profile(request):
    volunteer = Volunteer.objects.filter(user=request.user).first()
    if volunteer is None:
        return HttpResponseRedirect(reverse("associations:become_volunteer"))
    form = VolunteerProfileForm(request.POST or None, instance=volunteer)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect("associations:volunteer_profile")
    return render(
        request,
        "associations/volunteer_profile.html",
        {
            "volunteer": volunteer,
            "form": form,
            "memberships": volunteer.memberships.select_related("organisation").exclude(
                status=Membership.Status.ENDED
            ),
        },
    )


@login_required
def volunteer_data(request):
    """Everything about the person, from every app (samverka.people.privacy)."""
    from samverka.people.privacy import Subject
    from samverka.people.views import json_download

    get_object_or_404(Volunteer, user=request.user)
    return json_download(Subject.for_user(request.user).export_json(), "samverka-my-data.json")


@login_required
def volunteer_erase(request):
    """The volunteer ends their volunteering and is erased; their account stays."""
    volunteer = get_object_or_404(Volunteer, user=request.user)
    if request.method == "POST":
        from .privacy import anonymise_volunteer

        anonymise_volunteer(volunteer)
        messages.success(
            request,
            _("Your volunteer profile has been erased. Thank you for your time with us."),
        )
        return redirect("core:my_pages")
    return render(request, "associations/volunteer_erase.html", {"volunteer": volunteer})
