"""The internships section on /my/ for the three parties."""

import pytest
from django.test import RequestFactory

from mentors.internships.my_pages import internships as section

pytestmark = pytest.mark.django_db


def _section(user):
    request = RequestFactory().get("/my/")
    request.user = user
    return section(request)


def test_supervisor_and_mentor_see_their_running_internships_with_the_next_follow_up(
    internship, mentor, supervisor, other_rep
):
    internship.assign_mentor(mentor)
    for user in (supervisor, mentor.user):
        data = _section(user)
        assert [i.pk for i in data["internships"]] == [internship.pk]
        assert data["internships"][0].next_follow_up.kind == "start"
    # a representative of another employer: the section, but none of these internships
    assert _section(other_rep)["internships"] == []


def test_nothing_for_someone_without_internships(volunteer_user):
    assert _section(volunteer_user) is None


def test_the_section_renders_on_my_pages(client, internship, supervisor):
    client.force_login(supervisor)
    response = client.get("/en/my/")
    assert response.status_code == 200
    assert "Snickare, praktik" in response.content.decode()


def test_the_intern_sees_their_internship(internship, newcomer, django_user_model):
    """The intern is a Person with an account: the section finds them through it."""
    user = django_user_model.objects.create_user("intern@example.org", "intern@example.org")
    newcomer.person.user = user
    newcomer.person.save()
    data = _section(django_user_model.objects.get(pk=user.pk))
    assert [i.pk for i in data["internships"]] == [internship.pk]
