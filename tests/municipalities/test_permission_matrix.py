"""Both coordinators across every admin listing and app view: each sees their own
municipality's residents (and, for the shared course, Karin as organiser sees everyone
enrolled, Nils only Norrvik's), and gets 404 for the other municipality's person, match,
enrolment, internship, place and report."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _get(client, user, url):
    client.force_login(user)
    return client.get(url)


def _url_namespaces():
    """The viewsets' URL namespaces, read from the registered viewsets."""
    from wagtail.admin.viewsets import viewsets
    from wagtail.admin.viewsets.model import ModelViewSet

    return {
        vs.model: vs.url_namespace
        for vs in viewsets.viewsets
        if isinstance(vs, ModelViewSet) and "pending" not in vs.url_namespace
    }


@pytest.fixture
def namespaces(world):
    return _url_namespaces()


def _objects(w):
    """model → (Ålunda's row, Norrvik's row) for every scoped admin listing."""
    from events.models import Absence, FeedbackResponse, Programme

    # Rows only one of them sees: the shared course's rows about Reza are Karin's too (she
    # organises it), so Norrvik's own course stands for "Norrvik only", and an Ålunda course
    # that accepts nobody for "Ålunda only".
    absence_amal = Absence.objects.create(enrolment=w.enrolments["Amal"], occurrence=w.sessions[3])
    absence_reza = Absence.objects.create(
        enrolment=w.enrolments["Reza at home"], occurrence=w.own_sessions[0]
    )
    alunda_only = Programme.objects.create(
        name="Jobbhörnet Ålunda", event=w.course.event, organising_municipality=w.alunda
    )
    # Survey answers are anonymous and scoped through their course (events.surveys): an
    # answer about the Ålunda-only course, and one about Norrvik's own course.
    from events.surveys import week_of

    feedback = {
        programme: FeedbackResponse.objects.create(
            event=programme.event,
            programme=programme,
            kind=programme.event.category,
            week=week_of(w.monday.date()),
            satisfaction=3,
        )
        for programme in (alunda_only, w.own_course)
    }

    # Slots, pauses and absence flags of a course each of them organises; volunteers (and
    # their kompis preferences) by their district; representatives and memberships by the
    # organisation's service area.
    from django.contrib.auth import get_user_model

    from associations.models import Membership, Representative, Volunteer
    from events.models import AbsenceFlag, EnrolmentPause, ProgrammeSlot
    from mentors.models import MentorPreferences

    slots = [
        ProgrammeSlot.objects.create(
            programme=programme, weekday=0, starts_at="09:00", room="Sal", capacity=10
        )
        for programme in (alunda_only, w.own_course)
    ]
    pauses = [
        EnrolmentPause.objects.create(
            enrolment=enrolment,
            starts_on=w.monday.date(),
            ends_on=w.later.date(),
            reason=EnrolmentPause.Reason.choices[0][0],
        )
        for enrolment in (w.enrolments["Amal"], w.enrolments["Reza at home"])
    ]
    flags = [
        AbsenceFlag.objects.create(enrolment=enrolment, streak=3, flagged_at=w.later)
        for enrolment in (w.enrolments["Amal"], w.enrolments["Reza at home"])
    ]
    eva = Volunteer.objects.get(first_name="Eva")
    nora = Volunteer.objects.create(first_name="Nora", last_name="Lind", district="Norrvik centrum")
    preferences = [MentorPreferences.objects.create(volunteer=v) for v in (eva, nora)]
    users = get_user_model().objects
    representatives = [
        Representative.objects.create(
            organisation=organisation,
            user=users.create_user(f"rep{n}@example.org", f"rep{n}@example.org", "pw-x-long-1"),
        )
        for n, organisation in enumerate((w.organisations["Ålunda"], w.organisations["Norrvik"]))
    ]
    memberships = [
        Membership.objects.create(volunteer=volunteer, organisation=w.organisations[name])
        for volunteer, name in ((eva, "Ålunda"), (nora, "Norrvik"))
    ]

    return [
        tuple(slots),
        tuple(pauses),
        tuple(flags),
        (eva, nora),
        tuple(preferences),
        tuple(representatives),
        tuple(memberships),
        (w.amal.person, w.reza.person),
        (w.amal, w.reza),
        (w.matches["Amal"], w.matches["Reza"]),
        (w.amal.person.participant, w.reza.person.participant),
        (w.internships["Amal"], w.internships["Reza"]),
        (w.places["Ålunda"], w.places["Norrvik"]),
        (alunda_only, w.own_course),
        (w.organisations["Ålunda"], w.organisations["Norrvik"]),
        (absence_amal, absence_reza),
        (feedback[alunda_only], feedback[w.own_course]),
    ]


@pytest.mark.parametrize("who", ["karin", "nils"])
def test_every_scoped_listing_and_edit_view(client, world, namespaces, who):
    user = getattr(world, who)
    for alunda_row, norrvik_row in _objects(world):
        namespace = namespaces[type(alunda_row)]
        own, other = (alunda_row, norrvik_row) if who == "karin" else (norrvik_row, alunda_row)
        listing = _get(client, user, reverse(f"{namespace}:index"))
        assert listing.status_code == 200, namespace
        shown = {row.pk for row in listing.context["object_list"]}
        assert own.pk in shown, (namespace, who)
        assert other.pk not in shown, (namespace, who)
        own_edit = _get(client, user, reverse(f"{namespace}:edit", args=[own.pk]))
        assert own_edit.status_code in (200, 302), namespace  # internships: to their page
        # (the internship's edit view sends to its own page, which is scoped too)
        client.force_login(user)
        other_edit = client.get(reverse(f"{namespace}:edit", args=[other.pk]), follow=True)
        assert other_edit.status_code == 404, (namespace, who)
        delete = reverse(f"{namespace}:delete", args=[other.pk])
        assert _get(client, user, delete).status_code == 404, (namespace, who)
        client.force_login(user)
        assert client.post(delete).status_code == 404
        assert type(other).objects.filter(pk=other.pk).exists()  # nothing removed


def test_the_shared_course_shows_each_coordinator_their_own_residents(client, world, namespaces):
    """The course is Ålunda's and accepts Norrvik: both see it; Karin (organiser) sees both
    enrolments, Nils only Reza's."""
    namespace = namespaces[type(world.enrolments["Amal"])]
    seen = {}
    for who in ("karin", "nils"):
        listing = _get(client, getattr(world, who), reverse(f"{namespace}:index"))
        seen[who] = {row.pk for row in listing.context["object_list"]}
    assert seen["karin"] == {world.enrolments["Amal"].pk, world.enrolments["Reza"].pk}
    assert seen["nils"] == {world.enrolments["Reza"].pk, world.enrolments["Reza at home"].pk}
    amal_edit = reverse(f"{namespace}:edit", args=[world.enrolments["Amal"].pk])
    assert _get(client, world.nils, amal_edit).status_code == 404

    programmes = namespaces[type(world.course)]
    listing = _get(client, world.nils, reverse(f"{programmes}:index"))
    assert world.course.pk in {row.pk for row in listing.context["object_list"]}


@pytest.mark.parametrize("who", ["karin", "nils"])
def test_app_views_and_reports(client, world, who):
    user = getattr(world, who)
    mine, theirs = ("Amal", "Reza") if who == "karin" else ("Reza", "Amal")
    newcomer = {"Amal": world.amal, "Reza": world.reza}
    # Karin organises the shared course and sees Reza's enrolment in it; Norrvik's own
    # course is not hers.
    enrolment = {"Amal": world.enrolments["Amal"], "Reza": world.enrolments["Reza at home"]}
    views = [
        ("mentors:match", lambda name: world.matches[name].pk),
        ("mentors_admin:candidates", lambda name: newcomer[name].pk),
        ("mentors_admin:end_match", lambda name: world.matches[name].pk),
        ("events:certificate", lambda name: enrolment[name].pk),
        ("internships_admin:manage", lambda name: world.internships[name].pk),
        ("internships:detail", lambda name: world.internships[name].pk),
        ("people_admin:export", lambda name: newcomer[name].person.pk),
    ]
    for url_name, pk_of in views:
        kwargs = {"kind": "person", "pk": pk_of(theirs)} if "export" in url_name else None
        args = None if kwargs else [pk_of(theirs)]
        response = _get(client, user, reverse(url_name, args=args, kwargs=kwargs))
        assert response.status_code == 404, (url_name, who)
        if url_name in ("mentors:match", "internships_admin:manage", "events:certificate"):
            own = _get(client, user, reverse(url_name, args=[pk_of(mine)]))
            assert own.status_code == 200, (url_name, who)
    # the reports: a course neither organised nor accepted by Karin's municipality is a 404
    if who == "karin":
        for url_name in ("events_admin:programme", "events_municipalities:programme"):
            url = reverse(url_name, args=[world.own_course.pk])
            assert _get(client, user, url).status_code == 404
    for url_name in ("events_admin:programme", "events_municipalities:programme"):
        url = reverse(url_name, args=[world.course.pk])
        assert _get(client, user, url).status_code == 200


def test_the_board_lists_only_the_coordinators_newcomers(client, world):
    from mentors.models import Newcomer

    Newcomer.objects.filter(pk__in=[world.amal.pk, world.reza.pk]).update(
        status=Newcomer.Status.WAITING
    )
    board = _get(client, world.nils, reverse("mentors_admin:board"))
    assert [n.pk for n in board.context["newcomers"]] == [world.reza.pk]
    assert board.context["waiting_total"] == 1


def test_a_regional_coordinator_sees_every_municipality(client, world, namespaces):
    from django.contrib.auth.models import Group

    from samverka.core.permissions import REGIONAL_COORDINATOR
    from tests.municipalities.conftest import make_coordinator

    regional = make_coordinator("region@example.org")
    regional.groups.set([Group.objects.get(name=REGIONAL_COORDINATOR)])
    listing = _get(client, regional, reverse(f"{namespaces[type(world.amal.person)]}:index"))
    shown = {row.pk for row in listing.context["object_list"]}
    assert {world.amal.person.pk, world.reza.person.pk} <= shown


def test_only_the_organiser_checks_people_in_at_the_shared_course(client, world):
    session = world.sessions[0]
    url = reverse("events:checkin_staff", args=[session.pk])
    assert _get(client, world.karin, url).status_code == 200
    assert _get(client, world.nils, url).status_code == 403  # may see the course, not run it


# Admin listings that no municipality owns, and why; every other listing is scoped (below).
NOT_MUNICIPAL = {
    "core.outboundemail": "the outbox: administrators' technical view of sent email",
    "people.consentversion": "consent texts, the same for the whole installation",
    "core.messagetext": "message texts, the same for the whole installation, like consent texts",
    "mentors.matchingpolicy": "the installation's matching policy",
    "events.eventoccurrence": "public events: installation-wide lists (docs/architecture.md)",
    "events.registration": "registrations for public events, installation-wide",
    "events.kioskpairing": "check-in screens, paired by the organiser on site",
    "events.place": "places of events",
    "coaching.case": "coaching's own access: actors and counsellors (coaching.access)",
    "coaching.referral": "coaching's own access: actors and counsellors (coaching.access)",
    "coaching.actormembership": "staff memberships of the coaching actors",
    "wagtailcore.site": "Wagtail's own settings",
    "wagtailcore.locale": "Wagtail's own settings",
    "auth.user": "Wagtail's own settings",
    "auth.group": "Wagtail's own settings",
}


def test_every_admin_listing_is_scoped_or_owned_by_no_municipality(db):
    """A new admin listing must say whose rows it shows: a scope (`ScopedViewSetMixin`) or
    an entry in NOT_MUNICIPAL with the reason."""
    from django.urls import get_resolver
    from wagtail.admin.viewsets import viewsets
    from wagtail.admin.viewsets.model import ModelViewSet

    from samverka.people.municipalities import SCOPES

    assert get_resolver().url_patterns  # registers the viewsets
    unaccounted = {
        vs.model._meta.label_lower
        for vs in viewsets.viewsets
        if isinstance(vs, ModelViewSet)
        and vs.model not in SCOPES
        and vs.model._meta.label_lower not in NOT_MUNICIPAL
    }
    assert not unaccounted


@pytest.mark.parametrize("who", ["karin", "nils"])
def test_the_exports_are_scoped_as_the_listings(client, world, namespaces, who):
    """The listings' CSV exports (internships, volunteers) hold only the user's rows."""
    from associations.models import Volunteer

    Volunteer.objects.create(first_name="Nora", last_name="Lind", district="Norrvik centrum")
    user = getattr(world, who)
    own, other = (
        (("Amal", "Eva"), ("Reza", "Nora"))
        if who == "karin"
        else (("Reza", "Nora"), ("Amal", "Eva"))
    )
    for n, model in enumerate((type(world.internships["Amal"]), Volunteer)):
        client.force_login(user)
        response = client.get(reverse(f"{namespaces[model]}:index") + "?export=csv")
        assert response.status_code == 200, model
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8-sig")
        assert own[n] in text and other[n] not in text, (model, who)
