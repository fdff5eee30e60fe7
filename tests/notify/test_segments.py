import pytest

from samverka.core.sms import numbers, segments


def test_swedish_text_is_gsm7_and_counts_160_then_153():
    assert segments.count("Hej Åsa, välkommen till språkcaféet!").encoding == "GSM-7"
    assert segments.count("a" * 160).segments == 1
    assert segments.count("a" * 161).segments == 2
    assert segments.count("a" * 306).segments == 2
    assert segments.count("a" * 307).segments == 3


def test_extension_characters_take_two_places():
    assert segments.count("€" * 80).units == 160
    assert segments.count("€" * 81).segments == 2


@pytest.mark.parametrize(
    "text",
    [
        "مرحبا، تذكير بموعدك غداً",  # Arabic
        "ሰላም፣ ጽሑፍ መዘኻኸሪ",  # Tigrinya (Ge'ez)
        "Привіт, нагадування про зустріч",  # Ukrainian
    ],
)
def test_other_scripts_switch_to_ucs2_70_then_67(text):
    assert segments.count(text).encoding == "UCS-2"
    assert segments.count("ж" * 70).segments == 1
    assert segments.count("ж" * 71).segments == 2
    assert segments.count("ж" * 134).segments == 2
    assert segments.count("ж" * 135).segments == 3


def test_one_character_outside_gsm7_makes_the_whole_text_ucs2():
    assert segments.count("a" * 100 + "ж").segments == 2


def test_a_long_text_is_shortened_at_a_word_and_keeps_its_link():
    link = "https://samverka.example/ar/events/c/3f2.sk1qz0.Qm3vB0xk_A/"
    text = " ".join(["مرحبا"] * 60) + "\nألغِ:\n" + link
    fitted, shortened = segments.fit(text, 3)
    assert shortened
    assert fitted.endswith(link)
    assert "…" in fitted
    assert segments.count(fitted).segments <= 3


def test_a_short_text_is_left_alone():
    assert segments.fit("Hej!\nhttps://x.example/a/", 1) == ("Hej!\nhttps://x.example/a/", False)


def test_a_text_whose_link_alone_is_too_long_is_refused():
    with pytest.raises(segments.TooLong):
        segments.fit("Hej\nhttps://x.example/" + "ж" * 300, 3)


def test_swedish_mobile_numbers_can_be_texted_landlines_cannot():
    assert numbers.check("070-123 45 67") == ("+46701234567", "")
    e164, reason = numbers.check("08-123 456 78")  # Stockholm landline
    assert e164 is None and reason == str(numbers.NOT_MOBILE)
    assert numbers.check("12345")[0] is None
    assert numbers.check("not a number")[1] == str(numbers.NOT_A_NUMBER)


def test_foreign_mobile_numbers_are_texted_unless_the_countries_are_limited(settings):
    ukrainian = "+380501234567"
    assert numbers.textable(ukrainian) == ukrainian
    settings.SAMVERKA_SMS_COUNTRIES = ["SE"]
    e164, reason = numbers.check(ukrainian)
    assert e164 is None and "SE" in reason
    assert numbers.textable("0701234567") == "+46701234567"
