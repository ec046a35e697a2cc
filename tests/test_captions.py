"""Every sentence exists in both languages, with the same values to fill in."""

import string

import pytest

from nnanim.captions import LANGUAGES, _CAPTIONS, caption
from nnanim.errors import NnanimError


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_english_and_japanese_have_the_same_sentences():
    english, japanese = _CAPTIONS["en"], _CAPTIONS["ja"]
    assert sorted(set(english) - set(japanese)) == []
    assert sorted(set(japanese) - set(english)) == []


@pytest.mark.parametrize("key", sorted(_CAPTIONS["en"]))
def test_each_sentence_takes_the_same_values_in_both_languages(key):
    assert placeholders(_CAPTIONS["en"][key]) == placeholders(_CAPTIONS["ja"][key])


def test_every_language_is_in_the_table():
    assert sorted(_CAPTIONS) == sorted(LANGUAGES)


def test_an_unknown_sentence_is_an_error_naming_it():
    with pytest.raises(NnanimError, match="no_such_sentence"):
        caption("no_such_sentence", "en")
