"""Noun-phrase lemmatiser: the counted thing after a number, in nominative singular.

"около 100 новых графических процессоров" -> "графический процессор": adjectives
agreeing with the head noun, the noun agreeing with the number; evaluative
adjectives (the drop list, superlatives, participles) are left out.
"""

from __future__ import annotations

from ...morph import parse
from .lexicon import Lexicon
from .text import fold, has_cyrillic, unyo
from .tokens import NUM, WORD, Ctx

_NAME_TAGS = ("Name", "Surn", "Patr", "Abbr")  # proper names and abbreviations count nothing
_FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL", "NPRO", "INTJ", "PRED"})
NUMADJ = ["numadj"]  # marks "5-нанометровых" inside a phrase: an amount of its own


def parses(word: str) -> tuple:
    """pymorphy's parses of a word, or none: letters with no Unicode name (Tangut) make
    pymorphy raise, and one odd word must not cost an article its amounts."""
    try:
        return parse(word)
    except ValueError:
        return ()


def agrees(tag, mode: str) -> bool:
    """Whether a noun form agrees with a number of agreement `mode` (see numbers.mode_for)."""
    if "Fixd" in tag or "Pltm" in tag:
        return True
    if mode == "one":
        return "sing" in tag
    if mode in ("few", "frac"):
        return "plur" in tag or ("sing" in tag and "gent" in tag)
    return "plur" in tag


def restore(word: str, lemma: str) -> str:
    """Keep ё-less spelling and acronym case: "чиплетов" -> чиплет, "LED-..." -> LED-..."""
    if "ё" not in word.lower():
        lemma = unyo(lemma)
    if sum(ch.isupper() for ch in word) >= 2:
        n = 0
        for a, b in zip(word, lemma, strict=False):
            if a.lower() != b:
                break
            n += 1
        lemma = word[:n] + lemma[n:]
    return lemma


def _pick_adj(aps: list, noun):
    for want in (("case", "number"), ("number",), ()):
        for a in aps:
            if all(getattr(a.tag, w) == getattr(noun.tag, w) for w in want):
                return a
    return None


class PhraseReader:
    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self._phrase_cache: dict[tuple, tuple[str, str, bool]] = {}
        self._roles_cache: dict[tuple[str, str], tuple[list, list]] = {}

    def noun_phrase(self, ctx: Ctx, j: int, mode: str) -> tuple[list, int, int] | None:
        """Adjectives + a noun agreeing with the number. Returns (parts, head index,
        end index) where parts are (token index, parses, is_adjective)."""
        toks = ctx.toks
        words: list[tuple[int, list, list]] = []
        jj = j
        while jj < ctx.n and len(words) < 5 and (jj == j or ctx.spaced(jj - 1, jj)):
            t = toks[jj]
            if t.kind == NUM and jj + 2 < ctx.n and toks[jj + 1].text == "-" and ctx.glued(jj, jj + 1):
                # a compound adjective with its own number: "дюжина 5-нанометровых чиплетов"
                w = toks[jj + 2]
                if ctx.glued(jj + 1, jj + 2) and w.kind == WORD and self.lex.adj_unit(w.low):
                    words.append((jj, NUMADJ, []))
                    jj += 3
                    continue
                break
            if t.kind != WORD:
                break
            adj, noun = self.word_roles(t.text, mode)
            if not adj and not noun:
                break
            words.append((jj, adj, noun))
            jj += 1
        head = None
        for idx, (_, adj, noun) in enumerate(words):
            nxt = words[idx + 1] if idx + 1 < len(words) else None
            if noun and not (adj and nxt and (nxt[1] or nxt[2])):
                head = idx
                break
            if not adj:
                break
        if head is None:
            for idx in range(len(words) - 1, -1, -1):
                if words[idx][2] and all(w[1] for w in words[:idx]):
                    head = idx
                    break
        if head is None:
            return None
        parts = [(w[0], w[1], True) for w in words[:head]]
        parts.append((words[head][0], words[head][2], False))
        return parts, head, words[head][0] + 1

    def word_roles(self, word: str, mode: str) -> tuple[list, list]:
        """Parses of a word as an adjective and as a noun agreeing with `mode` (cached)."""
        key = (word, mode)
        got = self._roles_cache.get(key)
        if got is not None:
            return got
        adj: list = []
        noun: list = []
        if has_cyrillic(word):
            ps = parses(word)
            # "в паре со смартфонами": "со" is a preposition, not a noun
            if ps and ps[0].tag.POS not in _FUNCTION_POS:
                adj = [p for p in ps if p.tag.POS in ("ADJF", "PRTF") and "Apro" not in p.tag]
                noun = [
                    p
                    for p in ps
                    if p.tag.POS == "NOUN" and not any(n in p.tag for n in _NAME_TAGS) and agrees(p.tag, mode)
                ]
        if len(self._roles_cache) > 100_000:
            self._roles_cache.clear()
        self._roles_cache[key] = (adj, noun)
        return adj, noun

    def lemma_phrase(self, ctx: Ctx, parts: list, mode: str) -> tuple[str, str, bool]:
        """Nominative singular of the phrase, its head lemma, and whether the head
        was singular in the text."""
        # inflecting adjectives is the slowest step; news repeats phrases, so cache them
        key = (mode, *(ctx.toks[p[0]].text for p in parts))
        got = self._phrase_cache.get(key)
        if got is None:
            got = self._make_lemma_phrase(ctx, parts)
            if len(self._phrase_cache) > 50_000:
                self._phrase_cache.clear()
            self._phrase_cache[key] = got
        return got

    def _make_lemma_phrase(self, ctx: Ctx, parts: list) -> tuple[str, str, bool]:
        toks = ctx.toks
        hidx, hparses, _ = parts[-1]
        word = toks[hidx].text
        noun = max(hparses, key=lambda p: p.score)
        head = restore(word, noun.normal_form)
        gender = next((g for g in ("masc", "femn", "neut") if g in noun.tag), "masc")
        pltm = "Pltm" in noun.tag
        adjs: list[str] = []
        for idx, aps, _ in parts[:-1]:
            if aps is NUMADJ:
                continue  # "5-нанометровых" is its own quantity
            a = _pick_adj(aps, noun)
            # evaluative words do not name the counted thing: superlatives ("крупнейших"),
            # ordinals, participles ("проданных") and the drop list ("новых")
            if a is None or fold(a.normal_form) in self.lex.drop_adjectives or a.tag.POS == "PRTF":
                continue
            if "Supr" in a.tag or "Anum" in a.tag:
                continue
            form = a.inflect({"plur", "nomn"} if pltm else {"sing", "nomn", gender})
            adjs.append(restore(toks[idx].text, (form.word if form else a.normal_form)))
        return " ".join([*adjs, head]), head, "sing" in noun.tag
