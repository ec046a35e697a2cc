"""Every sentence exists in both languages, with the same values to fill in."""

import string

import pytest

from nnanim.course.captions import LANGUAGES, _CAPTIONS, caption, rate_caption, share_in_words
from nnanim.errors import NnanimError
from nnanim.core.experiments import EARLY_ISLANDS, PRESETS
from nnanim.core.rates import Rate


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


def test_a_measured_rate_is_said_as_a_simple_share_next_to_its_count():
    e3 = PRESETS["E3"].outcome
    missed = {"low": 100 * e3.missed[0], "high": 100 * e3.missed[1]}
    said = rate_caption("rate_E3", e3.measured, "en", **missed)
    assert "about 2 runs of 3 (64 of 100)" in said
    assert "the others end between 70 and 84 %" in said  # where 36 of 100 runs ended
    said = rate_caption("rate_E3", e3.measured, "ja", **missed)
    assert "約 3 回に 2 回 (100 回中 64 回)" in said and "70〜84 %" in said
    assert "about half of the runs (52 of 100)" in rate_caption(
        "rate_E5_islands", EARLY_ISLANDS["E5"], "en")


@pytest.mark.parametrize("successes, words", [(0, "no run"), (1, "about 1 run of 10"),
                                              (33, "about 1 run of 3"), (91, "about 9 runs of 10"),
                                              (99, "about 9 runs of 10"), (100, "every run")])
def test_a_share_in_words_never_says_none_or_all_of_a_mixed_count(successes, words):
    assert share_in_words(Rate(successes, 100), "en") == words
