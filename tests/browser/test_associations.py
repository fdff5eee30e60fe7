"""The collaboration platform in a real browser: register → approve → listed,
the directory's filters, and WCAG 2.1 AA on the directory and the forms."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser

PASSWORD = "ett-långt-lösenord-42"


def _user(email, first_name, group=None):
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(
        username=email, email=email, password=PASSWORD, first_name=first_name
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
        # Staff sign in with a second factor (samverka.core.middleware).
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

        TOTP_SECRETS[email] = generate_totp_secret()
        TOTP.activate(user, TOTP_SECRETS[email])
    return user


TOTP_SECRETS = {}


def _log_in(page, base, email):
    page.goto(f"{base}/accounts/login/")
    page.fill('input[name="login"]', email)
    page.fill('input[name="password"]', PASSWORD)
    page.locator('main form button[type="submit"]').first.click()
    page.wait_for_load_state()
    if email in TOTP_SECRETS:
        import time

        from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

        code = format_hotp_value(hotp_value(TOTP_SECRETS[email], int(time.time()) // 30))
        page.fill('input[name="code"]', code)
        page.locator('main form button[type="submit"]').first.click()
        page.wait_for_load_state()


@pytest.fixture
def directory(site_with_demo):
    from associations.models import Organisation
    from tests.associations.conftest import make_organisation

    make_organisation(
        name="Röda Korset Ålunda",
        district="Ålunda centrum",
        languages=["sv", "ti"],
        activities=["language_cafe"],
    )
    make_organisation(
        name="Västerby moské",
        kind=Organisation.Kind.FAITH_COMMUNITY,
        district="Västerby",
        languages=["ar", "so"],
        activities=["homework_help"],
    )
    make_organisation(
        name="Ålunda Bygg AB",
        kind=Organisation.Kind.COMPANY,
        district="Västerby",
        languages=["sv", "uk"],
        activities=["internships"],
    )
    return site_with_demo


def test_register_approve_and_appear_in_directory(page, browser, live_server, directory):
    base = live_server.url
    _user("nora@example.com", "Nora")
    _log_in(page, base, "nora@example.com")
    page.goto(f"{base}/organisations/register/")
    page.fill("#id_name", "Västerby Schackklubb")
    page.fill("#id_organisation_number", "802012 3454")
    page.select_option("#id_kind", "association")
    page.fill("#id_description", "Schack för alla, onsdagar i Västerby.")
    page.select_option("#id_district", "Västerby")
    page.check('input[name="languages"][value="sv"]')
    page.check('input[name="languages"][value="fa"]')
    page.check('input[name="activities"][value="culture"]')
    page.locator('main form button[type="submit"]').click()
    page.wait_for_url(f"{base}/organisations/manage/vasterby-schackklubb/")
    expect(page.locator("h1")).to_have_text("Västerby Schackklubb")

    # Not listed yet.
    page.goto(f"{base}/organisations/")
    expect(page.get_by_role("link", name="Västerby Schackklubb")).to_have_count(0)

    # A coordinator approves it in the Wagtail admin.
    from associations.models import Organisation

    _user("karin@example.com", "Karin", group="Coordinator")
    coordinator_context = browser.new_context()
    admin = coordinator_context.new_page()
    _log_in(admin, base, "karin@example.com")
    admin.goto(f"{base}/admin/pending_organisations/")
    expect(admin.get_by_text("Västerby Schackklubb")).to_be_visible()
    organisation = Organisation.objects.get(name="Västerby Schackklubb")
    admin.goto(f"{base}/admin/associations/organisations/{organisation.pk}/decide/")
    admin.check('input[name="decision"][value="approve"]')
    admin.fill('textarea[name="message"]', "Välkomna till plattformen!")
    admin.locator('form button[type="submit"]').last.click()
    admin.wait_for_url(f"{base}/admin/pending_organisations/")
    # Gone from the queue; only the confirmation message names it.
    expect(admin.locator("table").get_by_text("Västerby Schackklubb")).to_have_count(0)
    expect(admin.get_by_text("Västerby Schackklubb")).to_have_count(1)
    coordinator_context.close()

    page.goto(f"{base}/organisations/")
    link = page.get_by_role("link", name="Västerby Schackklubb")
    expect(link).to_be_visible()
    link.click()
    expect(page.locator("h1")).to_have_text("Västerby Schackklubb")
    expect(page.get_by_text("Schack för alla, onsdagar i Västerby.")).to_be_visible()


def test_directory_filter_narrows_the_list_without_javascript(browser, live_server, directory):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/organisations/")
    cards = page.locator(".organisation-card")
    expect(cards).to_have_count(3)
    page.select_option("#id_district", "Västerby")
    page.locator(".directory__filters button[type='submit']").click()
    expect(cards).to_have_count(2)
    assert "district=V" in page.url
    page.select_option("#id_language", "uk")
    page.locator(".directory__filters button[type='submit']").click()
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("Ålunda Bygg AB")
    page.fill("#id_q", "finns inte")
    page.locator(".directory__filters button[type='submit']").click()
    expect(cards).to_have_count(0)
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/organisations/",
        "/ar/organisations/",
        "/organisations/volunteer/",
        "/organisations/?kind=company",
    ],
)
def test_public_pages_have_no_wcag_violations(page, live_server, directory, axe, path):
    page.goto(f"{live_server.url}{path}")
    assert_no_axe_violations(axe, page)


@pytest.mark.parametrize(
    "path",
    ["/organisations/", "/ar/organisations/", "/ar/organisations/roda-korset-alunda/"],
)
def test_directory_on_a_phone(phone_page, live_server, directory, axe, path):
    phone_page.goto(f"{live_server.url}{path}")
    assert_no_axe_violations(axe, phone_page)
    overflow = phone_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


def test_organisation_page_has_no_wcag_violations(page, live_server, directory, axe):
    page.goto(f"{live_server.url}/organisations/roda-korset-alunda/")
    assert_no_axe_violations(axe, page)


@pytest.mark.parametrize("with_errors", [False, True])
def test_registration_form_has_no_wcag_violations(page, live_server, directory, axe, with_errors):
    _user("nora@example.com", "Nora")
    _log_in(page, live_server.url, "nora@example.com")
    page.goto(f"{live_server.url}/organisations/register/")
    if with_errors:
        page.fill("#id_organisation_number", "802012-3456")
        page.locator('main form button[type="submit"]').click()
        expect(page.locator(".error-summary")).to_be_visible()
    assert_no_axe_violations(axe, page)


def test_representative_pages_have_no_wcag_violations(page, live_server, directory, axe):
    from associations.models import Organisation, Representative

    user = _user("ali@example.com", "Ali")
    organisation = Organisation.objects.get(name="Röda Korset Ålunda")
    Representative.objects.create(organisation=organisation, user=user, role="admin")
    _log_in(page, live_server.url, "ali@example.com")
    for path in ("", "edit/", "representatives/invite/", "volunteers/invite/"):
        page.goto(f"{live_server.url}/organisations/manage/{organisation.slug}/{path}")
        expect(page.locator("h1")).to_be_visible()
        assert_no_axe_violations(axe, page)


def test_volunteer_accepts_invitation_in_the_browser(page, live_server, directory, axe):
    from associations.models import Invitation, Organisation, Volunteer

    organisation = Organisation.objects.get(name="Röda Korset Ålunda")
    invitation = Invitation.objects.create(
        organisation=organisation, kind="volunteer", email="senait@example.com", first_name="Senait"
    )
    page.goto(f"{live_server.url}/organisations/invitation/{invitation.token()}/")
    assert_no_axe_violations(axe, page)
    page.fill("#id_account-password1", PASSWORD)
    page.fill("#id_account-password2", PASSWORD)
    page.fill("#id_profile-last_name", "Haile")
    page.select_option("#id_profile-language_ti", "5")
    page.select_option("#id_profile-language_sv", "3")
    page.check('input[name="profile-roles"][value="language_cafe_host"]')
    page.check('input[name="profile-availability"][value="thu_evening"]')
    page.check("#id_consent-consent")
    page.locator('main form button[type="submit"]').click()
    page.wait_for_url(f"{live_server.url}/organisations/volunteer/profile/")
    assert_no_axe_violations(axe, page)
    volunteer = Volunteer.objects.get(email="senait@example.com")
    assert volunteer.languages == {"sv": 3, "ti": 5}
    assert volunteer.consent is not None
