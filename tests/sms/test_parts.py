"""GSM-7 and Unicode encoding and part counts, computed as ClickSend bills them."""

import pytest

from clicksend_sms.sms.parts import GSM_7, UNICODE, count_parts, is_gsm7


@pytest.mark.parametrize(
    ("body", "encoding", "characters", "parts"),
    [
        pytest.param("", GSM_7, 0, 0, id="empty"),
        pytest.param("a" * 160, GSM_7, 160, 1, id="gsm-160-one-part"),
        pytest.param("a" * 161, GSM_7, 161, 2, id="gsm-161-two-parts"),
        pytest.param("a" * 306, GSM_7, 306, 2, id="gsm-306-two-parts"),
        pytest.param("a" * 307, GSM_7, 307, 3, id="gsm-307-three-parts"),
        pytest.param("a" * 1224, GSM_7, 1224, 8, id="gsm-1224-eight-parts"),
        pytest.param("é" * 70, GSM_7, 70, 1, id="gsm-accent-is-basic"),
        pytest.param("ж" * 70, UNICODE, 70, 1, id="unicode-70-one-part"),
        pytest.param("ж" * 71, UNICODE, 71, 2, id="unicode-71-two-parts"),
        pytest.param("ж" * 134, UNICODE, 134, 2, id="unicode-134-two-parts"),
        pytest.param("ж" * 135, UNICODE, 135, 3, id="unicode-135-three-parts"),
        pytest.param("ж" * 536, UNICODE, 536, 8, id="unicode-536-eight-parts"),
    ],
)
def test_part_boundaries(body, encoding, characters, parts):
    result = count_parts(body)

    assert result.encoding == encoding
    assert result.characters == characters
    assert result.parts == parts


@pytest.mark.parametrize("char", list("^{}\\[~]|€\f"))
def test_extension_character_counts_two(char):
    result = count_parts("a" + char)

    assert result.encoding == GSM_7
    assert result.characters == 3


def test_extension_characters_push_to_second_part():
    # 158 basic characters plus one extension character is 160: one part.
    assert count_parts("a" * 158 + "€").parts == 1
    # 159 plus one extension character is 161: two parts.
    assert count_parts("a" * 159 + "€").parts == 2


@pytest.mark.parametrize(
    ("body", "characters"),
    [
        pytest.param("a\r\nb", 4, id="crlf"),
        pytest.param("a\nb", 4, id="lf"),
        pytest.param("a\rb", 4, id="cr"),
        pytest.param("a\n\nb", 6, id="two-lf"),
        pytest.param("a\r\n\r\nb", 6, id="two-crlf"),
    ],
)
def test_line_break_counts_two(body, characters):
    result = count_parts(body)

    assert result.encoding == GSM_7
    assert result.characters == characters


def test_line_breaks_decide_the_part_count():
    # 158 characters and one line break make 160: one part; a second break makes 162.
    assert count_parts("a" * 79 + "\n" + "a" * 79).parts == 1
    assert count_parts("a" * 78 + "\n\n" + "a" * 79).parts == 2


def test_unicode_line_break_counts_two():
    result = count_parts("ж\nж")

    assert result.encoding == UNICODE
    assert result.characters == 4


def test_emoji_counts_two_code_units():
    result = count_parts("😀" * 35)

    assert result.encoding == UNICODE
    assert result.characters == 70
    assert result.parts == 1
    assert count_parts("😀" * 35 + "a").parts == 2


def test_one_non_gsm_character_makes_unicode():
    result = count_parts("a" * 100 + "ж")

    assert result.encoding == UNICODE
    assert result.parts == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Hello & welcome #1 @ £5", True, id="gsm-symbols"),
        pytest.param("ÄÖÑÜ§¿äöñüà", True, id="gsm-letters"),
        pytest.param("naïve", False, id="i-diaeresis-not-gsm"),
        pytest.param("`backtick`", False, id="backtick-not-gsm"),
        pytest.param("\t", False, id="tab-not-gsm"),
    ],
)
def test_is_gsm7(text, expected):
    assert is_gsm7(text) is expected
