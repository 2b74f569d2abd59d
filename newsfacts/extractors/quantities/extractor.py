"""QuantityExtractor: the scan over one text that ties the parts together."""

from __future__ import annotations

from collections.abc import Sequence

from ...const import COUNT
from ...doc import Quantity
from .grammar import Cand, Grammar
from .lexicon import Lexicon
from .numbers import NumberReader
from .phrases import PhraseReader
from .rules import RULES
from .tokens import NUM, Tokenizer
from .units import UnitReader


def _rejected(lex: Lexicon, ctx, c: Cand) -> bool:
    for rule in RULES:  # a plain loop: this runs for every candidate
        if rule(lex, ctx, c):
            return True
    return False


YEN = "CNY/JPY"  # the code currencies.tsv gives "¥", read by context


class QuantityExtractor:
    """Find amounts in plain text; see the package docstring for conventions."""

    def __init__(self) -> None:
        self.lex = lex = Lexicon()
        self.tokenize = Tokenizer(lex.trigger_re)
        self.phrases = PhraseReader(lex)
        self.units = UnitReader(lex, self.phrases)
        self.numbers = NumberReader(lex, self.units)
        self.grammar = Grammar(lex, self.numbers, self.units)

    def find(self, text: str, skip: Sequence[tuple[int, int]] = ()) -> list[Quantity]:
        """Quantities in `text`, in text order; `skip` spans (e.g. hardware names) are left alone."""
        ctx = self.tokenize(text, skip)
        lex, grammar = self.lex, self.grammar
        out: list[Quantity] = []
        i = floor = 0
        last: Cand | None = None
        toks = ctx.toks
        yen: str | None = None
        n = ctx.n
        pre_first, word_starts = lex.pre_first, ctx.word_starts
        while i < n:
            t = toks[i]
            # an amount starts at digits, a currency sign or a word the trigger regex found
            # (tested inline: this runs for every token)
            if t.kind != NUM and t.text[:1] not in pre_first and t.start not in word_starts:
                i += 1
                continue
            res = grammar.parse_at(ctx, i, floor, last)
            if res is None:
                i += 1
                continue
            cands, resume = res
            kept = False
            for c in cands:
                if _rejected(lex, ctx, c):
                    continue
                kept = True
                last = c
                s, e = toks[c.i0].start, toks[c.j - 1].stop
                unit = c.unit or ""
                if unit == YEN:
                    yen = yen or self._yen(text)
                    unit = yen
                out.append(
                    Quantity(
                        text=text[s:e],
                        value=float(c.value),
                        unit=unit,
                        kind=c.kind or COUNT,
                        start=s,
                        stop=e,
                        max=c.max,
                        approx=c.approx,
                    )
                )
            first = cands[0]
            if not kept:
                nxt = first.nj  # the unit words may still start an amount
            elif first.inner >= 0:
                nxt = first.inner  # "дюжина 5-нанометровых чиплетов": read the "5-..." too
            else:
                nxt = resume
            i = max(nxt, i + 1)
            if kept:
                floor = i
        out.sort(key=lambda q: (q.start, q.stop))
        return out

    def _yen(self, text: str) -> str:
        """ "¥" is JPY in a text that names Japan or the yen more often than China or the yuan."""
        low = text.lower()
        jp = sum(low.count(w) for w in self.lex.yen_cues)
        cn = sum(low.count(w) for w in self.lex.yuan_cues)
        return "JPY" if jp > cn else "CNY"
