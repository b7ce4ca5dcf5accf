"""Word-class tests that stand in for part-of-speech tags (streams/wordclass.py)."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from streams.nlp import load_nlp
from streams.wordclass import (
    is_adverb,
    is_attributive,
    is_finite_verb,
    is_hyphen,
    is_modifier,
    is_name_part,
    is_proper,
    is_verb_use,
    reads_as_name,
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def _at(doc: Doc, word: str, nth: int = 0) -> int:
    return [t.i for t in doc if t.text == word][nth]


def test_names_are_capitalised_words_but_not_sentence_openers(nlp: Language) -> None:
    doc = nlp("The rebels left. In Idlib, US troops and Turkey's army stayed. US officials said so.")
    assert not is_proper(doc[_at(doc, "The")])
    assert not is_proper(doc[_at(doc, "In")])
    assert is_proper(doc[_at(doc, "Idlib")])
    assert is_proper(doc[_at(doc, "US", 1)])  # an acronym opening its sentence
    assert not is_proper(doc[_at(doc, "rebels")])
    assert reads_as_name("Turkey", is_stop=False, opens_sentence=True)
    assert not reads_as_name("However", is_stop=True, opens_sentence=True)


def test_name_parts_include_particles_and_joining_hyphens(nlp: Language) -> None:
    doc = nlp("Troops loyal to Bashar al-Assad advanced, officials said - again.")
    al = _at(doc, "al")
    assert is_name_part(doc, al)
    assert is_hyphen(doc, al + 1) and is_name_part(doc, al + 1)
    assert not is_hyphen(doc, _at(doc, "-", 1))  # a dash between phrases, with spaces
    assert not is_name_part(doc, _at(doc, "to"))


@pytest.mark.parametrize(
    ("text", "word", "finite"),
    [
        ("Russia said on Monday it would respond.", "said", True),
        ("Russia warns Ukraine over the drills.", "warns", True),
        ("Japan enters recession after two quarters.", "enters", True),
        ("Iran bombed the border posts.", "bombed", True),
        ("Turkey has sent troops.", "has", True),
        ("US officials said the talks failed.", "officials", False),
        ("UK banks have lost money.", "banks", False),
        ("Syria peace talks, which began in May, stalled.", "talks", False),
        ("Iraq business leaders met.", "business", False),
    ],
)
def test_finite_verb_after_a_subject(nlp: Language, text: str, word: str, finite: bool) -> None:
    doc = nlp(text)
    assert is_finite_verb(doc, _at(doc, word)) is finite


def test_adverbs_between_subject_and_verb(nlp: Language) -> None:
    doc = nlp("Russia reportedly also fired missiles at the family.")
    assert is_adverb(doc[_at(doc, "reportedly")]) and is_adverb(doc[_at(doc, "also")])
    assert not is_adverb(doc[_at(doc, "family")])  # too short for a "-ly" adverb and not one
    assert not is_adverb(doc[_at(doc, "missiles")])


def test_role_words_used_as_verbs_or_adjectives(nlp: Language) -> None:
    doc = nlp("It forces the army out. The military convoy moved; the military said 300 were displaced.")
    assert is_verb_use(doc, _at(doc, "forces"))
    assert not is_verb_use(doc, _at(doc, "army"))
    first, second = _at(doc, "military"), _at(doc, "military", 1)
    assert is_attributive(doc, first, first + 1)  # "military convoy": the convoy is the group
    assert not is_attributive(doc, second, second + 1)  # "the military said": the military is the group
    displaced = _at(doc, "displaced")
    assert is_attributive(doc, displaced, displaced + 1)  # "were displaced": a participle, not the displaced


def test_modifiers_inside_descriptors(nlp: Language) -> None:
    doc = nlp("the low cost airline, the state-owned carrier and also said")
    assert is_modifier(doc[_at(doc, "low")]) and is_modifier(doc[_at(doc, "cost")])
    assert is_modifier(doc[_at(doc, "owned")]) and is_modifier(doc[_at(doc, "-")])
    assert not is_modifier(doc[_at(doc, "the")])
    assert not is_modifier(doc[_at(doc, "also")])
    assert not is_modifier(doc[_at(doc, "said")])
