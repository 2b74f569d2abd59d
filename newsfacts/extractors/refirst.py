"""First characters of a regex: which characters can a match of the pattern begin with?

The hardware lexicon dispatches each word start to the rows that can begin with
its first character, so it needs this set for every data pattern. The stdlib
parser that could tell (``re._parser``) is private; this reads the small regex
subset the data files use instead: literals, escapes, ``[...]`` classes,
groups of every kind, alternation and quantifiers. Anything it cannot bound
(``.``, ``\\w``, a negated class) gives ``None``, "any character".
"""

from __future__ import annotations

import re

from .. import recache
from ..cachedir import memo

__all__ = ["ANY", "first_chars", "prefixes"]

_DIGITS = frozenset("0123456789")
_ZERO_WIDTH_ESCAPES = frozenset("bBAZ")
_UNBOUNDED_ESCAPES = frozenset("wWsSD")
_ESCAPE_CHARS = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v"}
_MAX_RANGE = 512  # wider ranges ("[\u0000-\uffff]") count as "any"
# A run of pattern text with no group or alternation in it: escapes, classes, other characters.
_PLAIN_RUN = recache.compile(r"(?:\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|[^\\\[()|])+", re.S)


class _Parser:
    def __init__(self, pattern: str) -> None:
        self.p = pattern
        self.i = 0

    def alternation(self) -> tuple[set[str] | None, bool]:
        """Alternatives up to ")" or the end: union of their first sets."""
        out: set[str] | None = set()
        nullable = False
        while True:
            chars, null = self.sequence()
            out = None if out is None or chars is None else out | chars
            nullable = nullable or null
            if self.i < len(self.p) and self.p[self.i] == "|":
                self.i += 1
                continue
            return out, nullable

    def sequence(self) -> tuple[set[str] | None, bool]:
        out: set[str] | None = set()
        open_ = True  # every atom so far can match empty: the next one adds to the set
        while self.i < len(self.p) and self.p[self.i] not in "|)":
            if not open_:
                self.skip()  # the set is closed: only find where this alternative ends
                break
            chars, nullable = self.atom()
            chars, nullable = self.quantifier(chars, nullable)
            out = None if out is None or chars is None else out | chars
            open_ = nullable
        return out, open_

    def skip(self) -> None:
        """Move to the "|" or ")" that ends the current alternative, past escapes,
        classes and nested groups (plain runs of them in one regex step)."""
        depth = 0
        p, n = self.p, len(self.p)
        while self.i < n:
            m = _PLAIN_RUN.match(p, self.i)
            if m is not None:
                self.i = m.end()
                if self.i >= n:
                    return
            c = p[self.i]
            if c == "(":
                depth += 1
            elif c == ")":
                if depth == 0:
                    return
                depth -= 1
            elif c == "|" and depth == 0:
                return
            self.i += 1

    def atom(self) -> tuple[set[str] | None, bool]:
        c = self.p[self.i]
        self.i += 1
        if c == "(":
            return self.group()
        if c == "[":
            return self.char_class(), False
        if c == "\\":
            return self.escape()
        if c in "^$":
            return set(), True
        if c == ".":
            return None, False
        return {c}, False

    def _group_head(self) -> bool:
        """Skip a group's "?..." header; True for a lookaround (it matches no characters)."""
        if not self.p.startswith("?", self.i):
            return False
        head = self.p[self.i + 1 : self.i + 3]
        if head[:1] in ("=", "!") or head in ("<=", "<!"):
            self.i += 1 + (2 if head[:1] == "<" else 1)
            return True
        if head[:1] == "P":  # (?P<name>...)
            self.i = self.p.index(">", self.i) + 1
        else:  # (?:...), (?>...), (?-i:...), (?i:...)
            self.i = self.p.index(":", self.i) + 1 if head[:1] != ">" else self.i + 2
        return False

    def group(self) -> tuple[set[str] | None, bool]:
        zero_width = self._group_head()
        chars, nullable = self.alternation()
        if self.i >= len(self.p) or self.p[self.i] != ")":
            raise ValueError(f"unbalanced group in {self.p!r}")
        self.i += 1
        if zero_width:
            return set(), True
        return chars, nullable

    def char_class(self) -> set[str] | None:
        out: set[str] | None = set()
        if self.p.startswith("^", self.i):
            out = None
            self.i += 1
        first = True
        while self.i < len(self.p) and (self.p[self.i] != "]" or first):
            first = False
            c = self.p[self.i]
            self.i += 1
            if c == "\\":
                e = self.p[self.i]
                self.i += 1
                if e == "d":
                    out = None if out is None else out | _DIGITS
                    continue
                if e in _UNBOUNDED_ESCAPES or e == "w":
                    out = None
                    continue
                c = _ESCAPE_CHARS.get(e, e)
            if self.p.startswith("-", self.i) and self.i + 1 < len(self.p) and self.p[self.i + 1] != "]":
                hi = self.p[self.i + 1]
                self.i += 2
                if hi == "\\":
                    hi = _ESCAPE_CHARS.get(self.p[self.i], self.p[self.i])
                    self.i += 1
                if ord(hi) - ord(c) >= _MAX_RANGE:
                    out = None
                elif out is not None:
                    out.update(map(chr, range(ord(c), ord(hi) + 1)))
                continue
            if out is not None:
                out.add(c)
        self.i += 1  # the closing "]"
        return out

    def escape(self) -> tuple[set[str] | None, bool]:
        e = self.p[self.i]
        self.i += 1
        if e == "d":
            return set(_DIGITS), False  # news text writes ASCII digits
        if e in _ZERO_WIDTH_ESCAPES:
            return set(), True
        if e in _UNBOUNDED_ESCAPES or e == "w":
            return None, False
        return {_ESCAPE_CHARS.get(e, e)}, False

    def quantifier(self, chars: set[str] | None, nullable: bool) -> tuple[set[str] | None, bool]:
        if self.i >= len(self.p):
            return chars, nullable
        c = self.p[self.i]
        if c in "?*":
            nullable = True
            self.i += 1
        elif c == "+":
            self.i += 1
        elif c == "{" and (close := self.p.find("}", self.i)) > 0 and _is_count(self.p[self.i + 1 : close]):
            if self.p[self.i + 1 : close].split(",")[0] in ("", "0"):
                nullable = True
            self.i = close + 1
        else:
            return chars, nullable
        if self.i < len(self.p) and self.p[self.i] in "?+":  # lazy or possessive
            self.i += 1
        return chars, nullable


def _is_count(body: str) -> bool:
    return bool(body) and all(part.isdigit() or part == "" for part in body.split(",")) and body.count(",") <= 1


# the lexicons ask for the same pattern up to three times a run, and for the same ones every run:
# analysing them was ~25 ms of every start
@memo("refirst-first", __file__)
def first_chars(pattern: str) -> tuple[frozenset[str] | None, bool]:
    """(characters a match can start with as written, can it match empty); None: any."""
    parser = _Parser(pattern)
    chars, nullable = parser.alternation()
    if parser.i != len(pattern):
        raise ValueError(f"unbalanced ')' in {pattern!r}")
    return (None if chars is None else frozenset(chars)), nullable


# ---- the first k characters ---------------------------------------------------------------

ANY = "\x00"  # in a prefix: any character at all
_FOREIGN = recache.compile("[^\x00-\x7f\u0400-\u04ff]")


def _lowered(chars: set[str] | None) -> set[str]:
    """A character set as prefix letters, for case-ignoring dispatch: `ANY` when unbounded or
    holding a letter outside Latin and Cyrillic (whose case folding is not just lower())."""
    if chars is None:
        return {ANY}
    joined = "".join(chars)
    if _FOREIGN.search(joined) and any(c.isalpha() for c in _FOREIGN.findall(joined)):
        return {ANY}
    return set(joined.lower()) if len(joined.lower()) == len(joined) else {ANY}


class _Prefixes(_Parser):
    """The set of every match's first `k` characters (shorter strings: whole matches), lower-cased.

    An over-approximation where the data subset allows one: lookarounds and anchors match
    empty, case-sensitive groups ignore case, `\\w` or `.` give `ANY`.
    """

    def __init__(self, pattern: str, k: int) -> None:
        super().__init__(pattern)
        self.k = k

    def cat(self, a: set[str], b: set[str]) -> set[str]:
        out = set()
        for x in a:
            if len(x) >= self.k:
                out.add(x)
            else:
                out.update((x + y)[: self.k] for y in b)
        return out

    def alternation(self) -> set[str]:  # type: ignore[override]
        out: set[str] = set()
        while True:
            out |= self.sequence()
            if self.i < len(self.p) and self.p[self.i] == "|":
                self.i += 1
                continue
            return out

    def sequence(self) -> set[str]:  # type: ignore[override]
        out = {""}
        while self.i < len(self.p) and self.p[self.i] not in "|)":
            if all(len(x) >= self.k for x in out):
                self.skip()
                break
            atom = self.atom()
            out = self.cat(out, self.quantifier(atom))
        return out

    def atom(self) -> set[str]:  # type: ignore[override]
        c = self.p[self.i]
        self.i += 1
        if c == "(":
            return self.group()
        if c == "[":
            return _lowered(self.char_class())
        if c == "\\":
            return self.escape()
        if c in "^$":
            return {""}
        if c == ".":
            return {ANY}
        return _lowered({c})

    def group(self) -> set[str]:  # type: ignore[override]
        zero_width = self._group_head()
        inner = self.alternation()
        if self.i >= len(self.p) or self.p[self.i] != ")":
            raise ValueError(f"unbalanced group in {self.p!r}")
        self.i += 1
        return {""} if zero_width else inner

    def escape(self) -> set[str]:  # type: ignore[override]
        e = self.p[self.i]
        self.i += 1
        if e == "d":
            return set(_DIGITS)
        if e in _ZERO_WIDTH_ESCAPES:
            return {""}
        if e in _UNBOUNDED_ESCAPES or e == "w":
            return {ANY}
        return _lowered({_ESCAPE_CHARS.get(e, e)})

    def quantifier(self, lang: set[str]) -> set[str]:  # type: ignore[override]
        if self.i >= len(self.p):
            return lang
        c = self.p[self.i]
        if c == "?":
            lo, hi = 0, 1
            self.i += 1
        elif c == "*":
            lo, hi = 0, self.k
            self.i += 1
        elif c == "+":
            lo, hi = 1, self.k
            self.i += 1
        elif c == "{" and (close := self.p.find("}", self.i)) > 0 and _is_count(self.p[self.i + 1 : close]):
            body = self.p[self.i + 1 : close]
            low, _, high = body.partition(",")
            lo = int(low or 0)
            hi = lo if "," not in body else (int(high) if high else self.k)
            self.i = close + 1
        else:
            return lang
        if self.i < len(self.p) and self.p[self.i] in "?+":  # lazy or possessive
            self.i += 1
        # L^j for j >= k adds no new first k characters: the repeats are capped at k
        lo, hi = min(lo, self.k), min(hi, self.k)
        power, out = {""}, set()
        for j in range(hi + 1):
            if j >= lo:
                out |= power
            power = self.cat(power, lang)
        return out


@memo("refirst-prefixes", __file__)
def prefixes(pattern: str, k: int = 2) -> frozenset[str]:
    """The first `k` characters (lower case; `ANY` for any one) every match of `pattern` under
    re.IGNORECASE can start with; a shorter string is a whole match. Never too small a set."""
    parser = _Prefixes(pattern, k)
    out = parser.alternation()
    if parser.i != len(pattern):
        raise ValueError(f"unbalanced ')' in {pattern!r}")
    return frozenset(out)
