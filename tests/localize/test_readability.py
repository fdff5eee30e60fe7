"""LIX for the easy-to-read block, and what the editor sees."""

import pytest

from samverka.orientation.readability import easy_read_scores, lix, text_from_html


def test_lix_of_a_known_easy_text():
    # 11 words, 2 sentences, no word longer than six letters: 11/2 + 0 = 5.5.
    result = lix("Du har rätt till vård. Ring 1177 om du blir sjuk.")
    assert (result.words, result.long_words, result.sentences) == (11, 0, 2)
    assert result.score == pytest.approx(5.5)
    assert result.easy_to_read


def test_lix_of_a_known_difficult_text():
    # 6 words, 1 sentence; long: Arbetsförmedlingen, hjälper, nyanlända, praktikplatser.
    result = lix("Arbetsförmedlingen hjälper nyanlända att hitta praktikplatser.")
    assert (result.words, result.long_words, result.sentences) == (6, 4, 1)
    assert result.score == pytest.approx(6 + 400 / 6)
    assert result.rounded == 73 and not result.easy_to_read


def test_lix_of_the_classic_example():
    # Björnsson's formula on a text with 3 sentences, 29 words and 11 long words:
    text = (
        "Kommunen erbjuder samhällsorientering för alla nyanlända vuxna. "
        "Kursen handlar om rättigheter, skyldigheter och hur samhället fungerar. "
        "Du får information på ditt eget språk och kan ställa frågor till läraren."
    )
    result = lix(text)
    assert result.sentences == 3
    assert result.words == 29
    long_words = [
        "Kommunen",
        "erbjuder",
        "samhällsorientering",
        "nyanlända",
        "handlar",
        "rättigheter",
        "skyldigheter",
        "samhället",
        "fungerar",
        "information",
        "läraren",
    ]
    assert result.long_words == len(long_words)
    assert result.score == pytest.approx(29 / 3 + 100 * len(long_words) / 29)


def test_paragraphs_and_list_items_end_sentences_and_tags_are_not_words():
    text = text_from_html(
        "<p>Ring <b>1177</b></p><ul><li>Boka tid</li><li>Ta med id-kort</li></ul>"
    )
    result = lix(text)
    assert (result.words, result.sentences) == (7, 3)


def test_a_link_address_is_not_a_sentence_end():
    assert lix("Läs mer på 1177.se om vård.").sentences == 1


def test_no_text_scores_zero():
    assert lix("").score == 0


@pytest.mark.django_db
def test_the_editor_sees_the_lix_of_the_easy_read_block(client, editor, home_page):
    from samverka.orientation.models import OrientationIndexPage
    from tests.orientation.conftest import add_topic

    index = OrientationIndexPage(title="Samhällsorientering", slug="samhallsorientering")
    home_page.add_child(instance=index)
    topic = add_topic(
        index,
        "Hälsa",
        "halsa",
        body=[
            {
                "type": "easy_read",
                "value": {"title": "Lättläst", "text": "<p>Du har rätt till vård. Ring 1177.</p>"},
            },
            {"type": "text", "value": "<p>Vårdcentralen är din första kontakt.</p>"},
        ],
    )
    [(title, score)] = easy_read_scores(topic)
    assert (title, score.rounded) == ("Lättläst", 4)
    client.force_login(editor)
    html = client.get(f"/admin/pages/{topic.pk}/edit/").content.decode()
    assert 'data-lix="4"' in html
    assert "LIX 4" in html
