"""newsfacts.morph: the shared analyzer, its tags made lazily, parses exactly as pymorphy3's own."""

import re

from newsfacts._compat import install_pymorphy_alias
from newsfacts.morph import LazyTags, get_morph

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
