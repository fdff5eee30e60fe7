"""Organisation descriptions and consent texts: in the visitor's language where
translated, else in Swedish marked lang="sv" with a notice."""

import pytest
from django.urls import reverse

from samverka.people.consent import ConsentVersion
from tests.associations.conftest import make_organisation
from tests.associations.test_volunteers import FORM

NOTICE = 'data-notice="fallback"'


@pytest.mark.django_db
def test_consent_text_in_the_visitors_language_or_swedish_marked(client, home_page):
    ConsentVersion.objects.create(
        purpose="volunteering",
        text="Vi sparar dina uppgifter.",
        text_translations={"ar": "نحن نحفظ بياناتك."},
    ).publish()
    url = reverse("associations:become_volunteer")
    # The form is in steps; the consent text is on the last step, where a submission of
    # every answer but the consent box lands.

    arabic = client.post("/ar" + url, FORM).content.decode()
    assert '<div class="consent-text"><p>نحن نحفظ بياناتك.</p></div>' in arabic
    assert NOTICE not in arabic

    tigrinya = client.post("/ti" + url, FORM).content.decode()
    assert (
        '<div class="consent-text" lang="sv" dir="ltr"><p>Vi sparar dina uppgifter.</p></div>'
        in tigrinya
    )
    assert NOTICE in tigrinya

    swedish = client.post(url, FORM).content.decode()
    assert '<div class="consent-text"><p>Vi sparar dina uppgifter.</p></div>' in swedish
    assert NOTICE not in swedish


@pytest.mark.django_db
def test_directory_cards_mark_swedish_descriptions(client, home_page):
    make_organisation(
        name="Språkcaféet",
        description="Vi fikar och pratar svenska.",
        description_translations={"fa": "ما قهوه می‌نوشیم و سوئدی صحبت می‌کنیم."},
    )
    url = reverse("associations:directory")
    persian = client.get("/fa" + url).content.decode()
    assert "<p>ما قهوه می‌نوشیم و سوئدی صحبت می‌کنیم.</p>" in persian
    assert ">Språkcaféet</a>" in persian and 'lang="sv" dir="ltr">Språkcaféet</a>' in persian
    arabic = client.get("/ar" + url).content.decode()
    assert '<p lang="sv" dir="ltr">Vi fikar och pratar svenska.</p>' in arabic
