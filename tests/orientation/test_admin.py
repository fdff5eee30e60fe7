"""Editors can open every orientation page type in the Wagtail admin."""

import pytest

from samverka.orientation.models import MeetingPlacePage, OrientationIndexPage

from .conftest import publish


@pytest.mark.django_db
def test_editor_opens_edit_and_add_forms(client, coordinator, health_topic, home_page):
    from samverka.orientation.models import MeetingPlaceIndexPage

    index = MeetingPlaceIndexPage(title="Mötesplatser", slug="motesplatser")
    home_page.add_child(instance=index)
    publish(index)
    place = MeetingPlacePage(
        title="Mötesplats", slug="plats", street_address="Gatan 1", city="Ålunda", district="Ekby"
    )
    index.add_child(instance=place)
    publish(place)
    client.force_login(coordinator)
    for page in (health_topic, health_topic.get_parent(), index, place):
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, page
    html = client.get(f"/admin/pages/{place.pk}/edit/").content.decode()
    assert "opening_hours-FORMS" in html and "actors-FORMS" in html
    assert "opening_exceptions-FORMS" in html
    response = client.get(f"/admin/pages/add/orientation/meetingplacepage/{index.pk}/")
    assert response.status_code == 200


def test_page_types_are_restricted_to_their_places():
    from samverka.orientation.models import OrientationTopicPage

    assert OrientationIndexPage.parent_page_types == ["home.HomePage"]
    assert OrientationTopicPage.allowed_parent_page_models() == [
        OrientationIndexPage,
        OrientationTopicPage,
    ]
    assert MeetingPlacePage.allowed_subpage_models() == []


@pytest.mark.django_db
def test_dashboard_lists_outdated_translations(client, editor, health_topic):
    health_topic.intro = "Ny text om vårdcentralen."
    publish(health_topic)  # one segment of the Arabic translation is now behind
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert 'id="orientation-upkeep"' in html or "orientation-upkeep" in html
    assert "الصحة والرعاية" in html
    assert "/admin/orientation-reports/outdated-translations/" in html


@pytest.mark.django_db
def test_editor_is_warned_when_opening_an_outdated_translation(client, editor, health_topic):
    from wagtail.models import Locale
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"  # the admin in English, whatever the catalogues say
    profile.save()
    arabic = health_topic.get_translation(Locale.objects.get(language_code="ar"))
    client.force_login(editor)
    url = f"/admin/pages/{arabic.pk}/edit/"
    warning = "The Swedish page has changed: 1 segment needs translating."
    publish(health_topic)  # republished without a change: nothing to warn about
    assert warning not in client.get(url).content.decode()
    health_topic.intro = "Ny text om vårdcentralen."
    publish(health_topic)
    assert warning in client.get(url).content.decode()
