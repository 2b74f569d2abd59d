"""newsfacts.morph: the shared analyzer, its tags made lazily, parses exactly as pymorphy3's own."""

import pickle
import re

import pytest

from newsfacts._compat import install_pymorphy_alias
from newsfacts.morph import _CATEGORIES, LazyTags, get_morph

from .conftest import SAMPLES


def _stock():
    install_pymorphy_alias()
    import pymorphy3

    return pymorphy3.MorphAnalyzer(path=get_morph().dictionary.path, lang="ru")


def _readings(morph, word):
    return [(str(p.tag), p.normal_form, p.score, p.word, str(p.methods_stack[0][0])) for p in morph.parse(word)]


def test_parses_lexemes_and_inflections_are_pymorphys():
    ours, stock = get_morph(), _stock()
    words = set(re.findall(r"\w+", (SAMPLES / "twitter-gpus.txt").read_text(encoding="utf-8")))
    words |= {"Маска", "Сбербанка", "ыыыхх", "бла-бла", "НКО", "Байдена", "стали", "выручкой"}
    for word in sorted(words):
        assert _readings(ours, word) == _readings(stock, word), word
    for word in ("компании", "Илона", "процессоров"):
        best, same = ours.parse(word)[0], stock.parse(word)[0]
        assert [(str(f.tag), f.word) for f in best.lexeme] == [(str(f.tag), f.word) for f in same.lexeme]
        assert best.inflect({"gent", "plur"}).word == same.inflect({"gent", "plur"}).word


def test_tags_are_made_on_first_use_and_kept():
    tags = LazyTags(lambda s: ("made", s), ["NOUN,anim", "VERB", "ADJF"])
    assert len(tags) == 3 and tags._tags == [None, None, None]
    first = tags[1]
    assert first == ("made", "VERB") and tags[1] is first  # one object per id, as a list holds it
    assert tags._tags.count(None) == 2
    assert list(tags) == [("made", "NOUN,anim"), ("made", "VERB"), ("made", "ADJF")]
    assert isinstance(get_morph().dictionary.gramtab, LazyTags)


def test_fast_tags_answer_as_pymorphys_tags():
    stock = _stock()
    tags = get_morph().dictionary.gramtab
    for i in range(0, len(tags), 7):  # every seventh of the ~5,500 tags, pymorphy's own beside ours
        ours, theirs = tags[i], stock.dictionary.gramtab[i]
        assert str(ours) == str(theirs) and ours == theirs and hash(ours) == hash(theirs)
        assert ours.grammemes == theirs.grammemes
        for name in _CATEGORIES:
            value = getattr(ours, name)
            assert value == getattr(theirs, name), (str(ours), name)
            assert value is None or type(value) is str  # plain strings: comparisons run in C
        for grammeme in ("NOUN", "Infr", "gent", "plur", "Name"):
            assert (grammeme in ours) == (grammeme in theirs)
        assert ({"NOUN", "sing"} in ours) == ({"NOUN", "sing"} in theirs)


def test_fast_tags_still_refuse_unknown_grammemes_and_pickle_as_pymorphys():
    tag = get_morph().parse("компании")[0].tag
    with pytest.raises(ValueError):
        "genitive" in tag  # noqa: B015 - pymorphy's check of a misspelt grammeme
    with pytest.raises(ValueError):
        {"NOUN", "genitive"} in tag  # noqa: B015
    back = pickle.loads(pickle.dumps(tag))
    assert back == tag and str(back) == str(tag) and back.case == tag.case
