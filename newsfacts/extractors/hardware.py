"""HARDWARE extractor: chip, accelerator and device models from a data lexicon.

All knowledge lives in ``data/hardware.tsv`` (model families, context cues,
vetoes, canonical-form aliases) and ``data/hardware_vendors.tsv`` (vendor
spellings). This module is the one small matcher that reads them:

- a mention is [vendor word] [architecture word] family+code; every family row
  is one alternative of a compiled regex, tried only at word starts whose first
  character can begin that row (the first characters are worked out from the
  patterns at construction), so an article costs well under a millisecond;
- the text is matched with Cyrillic look-alike letters folded to Latin (and so
  are the patterns), so "Н100" typed with a Cyrillic Н and "Эльбрус-8СВ" typed
  with a Latin C match the same rows, while offsets stay those of the text;
- each row says how much evidence it needs (``strong`` / ``cue`` / ``near`` /
  ``vendor``); a mention lacking it still counts when the same model is
  accepted elsewhere in the document;
- a family named in the document licenses its bare codes ("K30 Pro Zoom"
  after "Redmi K30 Pro"), and all mentions of one model share one ``normal``.

No natasha here: the module must import and run in a few milliseconds.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from .. import cache
from ..const import HARDWARE, ORG
from ..data import load_rows
from ..doc import Entity

try:  # the stdlib regex parser, used once at start-up to find first characters
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_parse as _sre_parse  # type: ignore[no-redef]

__all__ = ["HardwareExtractor"]

DATA_FILE = "hardware.tsv"
VENDOR_FILE = "hardware_vendors.tsv"

# Cyrillic letters that look like Latin ones. Text and patterns are both folded
# with this length-preserving table, so a model code typed with a Cyrillic "Н"
# or "С" still matches, and Russian words in patterns still match themselves.
_CYR = "АВЕКМНОРСТХУавекмнорстху"
_LAT = "ABEKMHOPCTXYabekmhopctxy"
_FOLD = str.maketrans(_CYR, _LAT)
_LAT_TO_CYR_UPPER = dict(zip(_LAT[:12], _CYR[:12], strict=True))
# Codes whose canonical form is Cyrillic (Эльбрус-8СВ) map Latin back.
_TO_CYR = str.maketrans("ABCEHKMOPTXSVabcehkmoptxsv", "АВСЕНКМОРТХСВавсенкмортхсв")


# The same fold for whole texts, through a 256-byte table (str.translate with a dict
# costs ~0.4 ms an article). Characters cp1251 lacks become one "?" each, so offsets
# hold; they are never part of a model name.
_FOLD_BYTES = bytes.maketrans(_CYR.encode("cp1251"), _LAT.encode("cp1251"))


def _fold(s: str) -> str:
    return s.translate(_FOLD)


def _fold_text(s: str) -> str:
    return s.encode("cp1251", "replace").translate(_FOLD_BYTES).decode("cp1251")


_MACRO_RE = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")
# A capturing group in a data pattern (an unescaped "(" not followed by "?").
_CAPTURE_RE = re.compile(r"(?<!\\)\((?!\?)")
# Suffix words spelt in Russian or in odd case, mapped to their usual spelling.
_TOKEN_CANON = dict(
    pair.split("=")
    for pair in "про=Pro макс=Max ультра=Ultra плюс=Plus мини=mini лайт=Lite ти=Ti ti=Ti super=Super "
    "xt=XT xtx=XTX gen=Gen elite=Elite nvl=NVL sxm=SXM pro=Pro max=Max ultra=Ultra plus=Plus".split()
)
_DEVICE_CATEGORIES = frozenset({"device", "console"})
_CONTEXTS = frozenset({"strong", "cue", "near", "vendor"})
_HSPACE = r"[^\S\n]"
_SEP_RE = re.compile(r"[^\S\n]+|-")
# A sentence ends at . ! ? … before a capital, digit or quote, or at a line break.
_SENT_BREAK_RE = re.compile(r"[.!?…]+[»\"')\]]*\s+(?=[A-ZА-ЯЁ«\"„\d])|\n")
_PREV_WORD_RE = re.compile(r"(\w+)[^\w\n]{0,3}$")
# Between a hardware noun and the model, for the `near` context: at most one word
# ("ускорители NVIDIA L4", "чипом A15").
_NEAR_GAP = r"\W{1,3}(?:\w+\W{1,3})?$"
# Memory size glued to a model ("H100 80GB"): part of the mention, not of the model.
_MEMORY = _fold(r"(?:[^\S\n]?\d{1,4}[^\S\n]?(?:GB|TB)|[^\S\n]?\d{1,4}(?:ГБ|ТБ))?")
# The mention ends at a word boundary, not inside "H100-2", "A4.5" or "S24+x".
_END = r"(?![\w+]|[.,]\d|-\d)"


@functools.lru_cache(maxsize=4096)
def _key(s: str) -> str:
    """Identity of a model in a document: case, script, spaces and hyphens ignored."""
    return re.sub(r"[\s\-]+", "", _fold(s).lower())


@dataclass(frozen=True, slots=True)
class _Row:
    index: int
    vendor: str
    category: str
    context: str
    family: str  # canonical family written before the code ("GeForce RTX"), "" for none
    joiner: str  # " ", or "" for a family given as "Эльбрус-"
    family_re: str  # folded, "" for none
    code_re: str  # folded
    raw: str  # unfolded family+code pattern, for the first-character gate
    fold: re.Pattern[str] | None
    bare_re: str
    script: str


@dataclass(slots=True)
class _Hit:
    start: int
    stop: int
    row: _Row
    model: str
    vendor_span: tuple[int, int] | None
    ok: bool  # False: waits for the same model to be accepted elsewhere in the document

    @property
    def key(self) -> tuple[str, str]:
        return _key(self.model), self.row.vendor


@dataclass(slots=True)
class _Raw:
    """A regex match of one row at a position, with the vendor/architecture words before it."""

    start: int
    match: re.Match[str]
    row: _Row
    code_group: str
    vendor: re.Match[str] | None
    fold: re.Match[str] | None


class _LazyPatterns(dict):
    """Case-insensitive patterns by first character, compiled on first use.

    Compiling them all costs ~90 ms at start-up; one article meets a few of them.
    """

    def __init__(self, sources: dict[str, str]) -> None:
        super().__init__()
        self._sources = sources

    def get(self, key: str, default: re.Pattern[str] | None = None) -> re.Pattern[str] | None:
        pattern = dict.get(self, key)
        if pattern is None:
            source = self._sources.get(key)
            if source is None:
                return default
            pattern = self[key] = re.compile(source, re.I)
        return pattern


class HardwareExtractor:
    """Find HARDWARE mentions (and the ORG vendor words inside them) in a document."""

    def __init__(self) -> None:
        macros: dict[str, str] = {}
        cues: dict[str, list[str]] = {"chip": [], "device": []}
        vetoes: list[str] = []
        afters: list[str] = []
        aliases: list[tuple[re.Pattern[str], str]] = []
        raw_rows: list[list[str]] = []
        for cols in load_rows(DATA_FILE):
            head = cols[0]
            if head == "@macro":
                macros[cols[1]] = cols[2]
            elif head == "@cue":
                cues[cols[1]].append(cols[2])
            elif head == "@veto":
                vetoes.append(cols[1])
            elif head == "@after":
                afters.append(cols[1])
            elif head == "@alias":
                repl = cols[2] if len(cols) > 2 else ""
                aliases.append((re.compile(_expand(cols[1], macros), re.I), repl))
            else:
                raw_rows.append(cols)
        self._macros = macros
        self._aliases = aliases

        gate: set[str] = set()  # characters (of the text as written) a mention may start with
        self._vendor_names: list[str] = []
        self._vendor_res: dict[str, re.Pattern[str]] = {}
        self._vendor_spell: dict[str, str] = {}
        vendor_buckets: dict[str, list[str]] = {}
        for cols in load_rows(VENDOR_FILE):
            name, spell = cols[0], self._rx(cols[1])
            alt = f"(?P<V{len(self._vendor_names)}>{spell})"
            for c in _lower_set(_first_set(spell), f"{VENDOR_FILE}: {name}"):
                vendor_buckets.setdefault(c, []).append(alt)
            self._vendor_res[name] = re.compile(spell, re.I)
            self._vendor_spell[name] = spell
            self._vendor_names.append(name)
            _add_gate(gate, _first_set(_expand(cols[1], macros), cased=True), f"{VENDOR_FILE}: {name}")
        # vendor words by first character, like the rows below
        self._vendor_buckets = _LazyPatterns({c: rf"(?:{'|'.join(alts)})(?!\w)" for c, alts in vendor_buckets.items()})

        rows: list[_Row] = []
        folds: list[str] = []
        for cols in raw_rows:
            rows.append(self._make_row(len(rows), cols, folds))
            _add_gate(gate, _first_set(rows[-1].raw, cased=True), f"{DATA_FILE}: {' | '.join(cols[:6])}")
        self._rows = rows
        fold_alts = "|".join(dict.fromkeys(folds)) or "(?!)"
        self._fold_re = re.compile(rf"(?:{fold_alts})(?=[^\S\n]+\w)", re.I)
        self._fold_first = _lower_set(_first_set(self._fold_re.pattern))
        for f in folds:
            _add_gate(gate, _first_set(f, cased=True), f"{DATA_FILE}: fold {f}")

        # Dispatch on the first character: a word start is only tried against the
        # rows that can begin with its (folded, lower-cased) character, and the gate
        # skips in C every word start no vendor, architecture word or row can begin.
        buckets: dict[str, list[_Row]] = {}
        for row in rows:
            for c in _lower_set(_first_set(self._row_body(row)), f"{DATA_FILE}: {row.code_re}"):
                buckets.setdefault(c, []).append(row)
        self._bucket_rows = buckets
        self._buckets = _LazyPatterns({
            c: "(?:" + "|".join(f"(?P<r{r.index}>{self._row_body(r)})" for r in rs) + ")" + _MEMORY + _END
            for c, rs in buckets.items()
        })
        self._gate = re.compile(f"[{''.join(sorted(re.escape(c) for c in gate))}](?<![\\w\\-].)")
        self._row_res: dict[int, re.Pattern[str]] = {}
        self._bare_res: dict[int, re.Pattern[str]] = {}
        self._cont_res: dict[int, re.Pattern[str]] = {}
        self._models: dict[tuple[int, str], str] = {}  # (row, code as written) -> canonical model

        self._cue_res = {
            cls: re.compile(rf"(?<!\w)(?:{'|'.join(self._rx(p) for p in pats)})(?!\w)", re.I)
            for cls, pats in cues.items()
        }
        self._near_before = {
            cls: re.compile(rf"(?<!\w)(?:{'|'.join(self._rx(p) for p in pats)}){_NEAR_GAP}", re.I)
            for cls, pats in cues.items()
        }
        self._veto = re.compile("|".join(self._rx(p) for p in vetoes), re.I)
        self._after = re.compile("|".join(self._rx(p) for p in afters), re.I)
        _save_first_sets()

    # ---- loading -------------------------------------------------------------------------

    def _rx(self, pattern: str) -> str:
        return _fold(_expand(pattern, self._macros))

    def _make_row(self, index: int, cols: list[str], folds: list[str]) -> _Row:
        where = f"{DATA_FILE}: {' | '.join(cols)}"
        if len(cols) < 6:
            raise ValueError(f"{where}: need 6 columns, got {cols!r}")
        vendor, category, context, family, family_re, code_re = cols[:6]
        if vendor not in self._vendor_res:
            raise ValueError(f"{where}: unknown vendor {vendor!r}")
        if context not in _CONTEXTS:
            raise ValueError(f"{where}: bad context {context!r}")
        opts = dict(c.split("=", 1) for c in cols[6:] if "=" in c)
        fold = None
        if "fold" in opts:
            folds.append(self._rx(opts["fold"]))
            fold = re.compile(folds[-1], re.I)
        family = "" if family == "-" else family
        fam_raw = "" if family_re == "-" else _expand(family_re, self._macros)
        code_raw = _expand(code_re, self._macros)
        if _CAPTURE_RE.search(fam_raw) or _CAPTURE_RE.search(code_raw):
            raise ValueError(f"{where}: use (?:...) groups only")
        raw = _join(fam_raw, code_raw)
        if context == "vendor":
            raw = self._vendor_spell[vendor]
        return _Row(
            index,
            vendor,
            category,
            context,
            family,
            "" if family.endswith("-") else " ",
            _fold(fam_raw),
            _fold(code_raw),
            raw,
            fold,
            self._rx(opts["bare"]) if "bare" in opts else "",
            opts.get("script", "lat"),
        )

    def _row_body(self, row: _Row, code_group: str | None = None) -> str:
        body = _join(row.family_re, f"(?P<{code_group or f'c{row.index}'}>{row.code_re})")
        if row.context == "vendor":
            # the code means nothing alone ("14 Ultra"): the vendor word is part of the row,
            # so bare numbers are never even tried against it
            body = rf"(?:{self._vendor_spell[row.vendor]})(?:{_HSPACE}+|-){body}"
        return body

    def _row_re(self, row: _Row) -> re.Pattern[str]:
        """One row alone, for a second opinion at one position."""
        pat = self._row_res.get(row.index)
        if pat is None:
            pat = self._row_res[row.index] = re.compile(self._row_body(row, "c") + _MEMORY + _END, re.I)
        return pat

    # ---- matching ------------------------------------------------------------------------

    def find(self, text: str) -> list[Entity]:
        """All HARDWARE mentions in `text`, plus ORG for vendor words inside them, by start."""
        folded = _fold_text(text)
        vendors: list[tuple[int, str]] = []
        raws: list[_Raw] = []
        last = 0
        for g in self._gate.finditer(text):
            pos = g.start()
            c = folded[pos].lower()
            vpat = self._vendor_buckets.get(c)
            vm = vpat.match(folded, pos) if vpat is not None else None
            if vm is not None:
                vendors.append((pos, self._vendor_names[int(vm.lastgroup[1:])]))  # type: ignore[index]
            if pos < last:
                continue
            raw = self._match_at(folded, pos, c, vm)
            if raw is not None:
                raws.append(raw)
                last = raw.match.end()

        ctx = _Context(self, text, folded, vendors)
        hits: list[_Hit] = []
        for raw in raws:
            hit = self._hit(ctx, raw)
            if hit is None or not hit.ok:
                hit = self._second_opinion(ctx, raw) or hit
            if hit is not None:
                hits.append(hit)
                hits.extend(self._continuations(ctx, hit))
        hits = _drop_overlaps(hits)

        # A mention lacking evidence counts when the document names the same model with
        # evidence, or (for `cue` families) the same family: "Mi 10 Pro" after "Xiaomi Mi 10".
        confirmed = {h.key for h in hits if h.ok}
        families = {h.row.index for h in hits if h.ok}
        hits = [h for h in hits if h.ok or h.key in confirmed or (h.row.context == "cue" and h.row.index in families)]
        hits = _drop_overlaps(hits + self._bare_hits(ctx, hits))
        return self._entities(text, hits)

    def _match_at(self, folded: str, pos: int, c: str, vm: re.Match[str] | None) -> _Raw | None:
        """The longest of [vendor] [architecture] model at `pos`, tried like a greedy regex."""
        starts: list[tuple[int, re.Match[str] | None, re.Match[str] | None]] = []
        if vm is not None and (sep := _SEP_RE.match(folded, vm.end())) is not None:
            q = sep.end()
            if q < len(folded):
                fm = self._fold_re.match(folded, q) if folded[q].lower() in self._fold_first else None
                if fm is not None:
                    starts.append((_SEP_RE.match(folded, fm.end()).end(), vm, fm))  # type: ignore[union-attr]
                starts.append((q, vm, None))
        if c in self._fold_first and (fm := self._fold_re.match(folded, pos)) is not None:
            starts.append((_SEP_RE.match(folded, fm.end()).end(), None, fm))  # type: ignore[union-attr]
        starts.append((pos, None, None))
        for at, v, f in starts:
            if at >= len(folded):
                continue
            pat = self._buckets.get(folded[at].lower())
            m = pat.match(folded, at) if pat is not None else None
            if m is not None:
                row = self._rows[int(m.lastgroup[1:])]  # type: ignore[index]
                return _Raw(pos, m, row, f"c{row.index}", v, f)
        return None

    def _hit(self, ctx: _Context, raw: _Raw) -> _Hit | None:
        m, row = raw.match, raw.row
        start, stop = raw.start, m.end()
        if ctx.after_is_number(stop):
            return None
        vendor_span = None
        if raw.vendor is not None:
            vtext = raw.vendor.group()
            if self._vendor_res[row.vendor].fullmatch(vtext):
                vendor_span = raw.vendor.span()
            elif row.fold is None or not row.fold.fullmatch(vtext):
                # another vendor's word is not part of the mention; a word that is this
                # row's brand stays ("Tesla V100" is NVIDIA's Tesla, not the carmaker)
                start = _skip_space(ctx.folded, raw.vendor.end())
        if raw.fold is not None and (row.fold is None or not row.fold.fullmatch(raw.fold.group())):
            start = _skip_space(ctx.folded, max(start, raw.fold.end()))
        if row.context == "vendor" and raw.vendor is None:
            vm = self._vendor_res[row.vendor].match(ctx.folded, start)
            vendor_span = vm.span() if vm is not None else None
        # vetoes guard ambiguous codes ("трасса М2"); a strong row is never one ("уровня GTX 1060")
        if vendor_span is None and row.context != "strong" and ctx.vetoed(start):
            return None
        code = ctx.text[m.start(raw.code_group) : m.end(raw.code_group)]
        model = self._model(row, code)
        return _Hit(start, stop, row, model, vendor_span, ctx.accepts(row, start, stop, vendor_span))

    def _second_opinion(self, ctx: _Context, raw: _Raw) -> _Hit | None:
        """The first row that matched lacked evidence: ask the other rows at that place.

        "P40" is an NVIDIA card or a Huawei phone depending on the sentence, and a
        regex reports only its first matching alternative.
        """
        at = raw.match.start()
        pending = None
        for row in self._bucket_rows.get(ctx.folded[at].lower(), ()):
            if row is raw.row:
                continue
            m = self._row_re(row).match(ctx.folded, at)
            if m is None:
                continue
            hit = self._hit(ctx, _Raw(raw.start, m, row, "c", raw.vendor, raw.fold))
            if hit is not None and hit.ok:
                return hit
            pending = pending or hit
        return pending

    def _continuations(self, ctx: _Context, hit: _Hit) -> list[_Hit]:
        """Codes sharing one family word: "Snapdragon 888 и 865", "RTX 4080 и 4090 Ti"."""
        row = hit.row
        if not row.family_re:
            return []
        pat = self._cont_res.get(row.index)
        if pat is None:
            pat = self._cont_res[row.index] = re.compile(
                _fold(  # the text is folded: its Cyrillic "а" is a Latin "a" here too
                    rf"{_HSPACE}*(?:(?:,{_HSPACE}*)?(?:и|или|а|and)(?!\w)|[,/&])"
                    rf"{_HSPACE}*(?P<c>{row.code_re}){_MEMORY}{_END}"
                ),
                re.I,
            )
        out: list[_Hit] = []
        pos = hit.stop
        while (m := pat.match(ctx.folded, pos)) is not None:
            # a bare short number after "и" is too often an amount ("iPhone 15 и 16 млн")
            if not re.search(r"[A-Za-z]|\d{3}", m.group("c")) or ctx.after_is_number(m.end()):
                break
            model = self._model(row, ctx.text[m.start("c") : m.end("c")])
            out.append(_Hit(m.start("c"), m.end(), row, model, None, hit.ok))
            pos = m.end()
        return out

    def _bare_hits(self, ctx: _Context, hits: list[_Hit]) -> list[_Hit]:
        """Codes without their family word, for families the document already names."""
        out: list[_Hit] = []
        seen: set[int] = set()
        for h in hits:
            row = h.row
            if not row.bare_re or row.index in seen:
                continue
            seen.add(row.index)
            pat = self._bare_res.get(row.index)
            if pat is None:
                pat = self._bare_res[row.index] = re.compile(rf"(?<![\w\-])(?P<c>{row.bare_re}){_MEMORY}{_END}", re.I)
            for m in pat.finditer(ctx.folded):
                if ctx.vetoed(m.start()) or ctx.after_is_number(m.end()):
                    continue
                model = self._model(row, ctx.text[m.start("c") : m.end("c")])
                out.append(_Hit(m.start(), m.end(), row, model, None, True))
        return out

    def _model(self, row: _Row, code: str) -> str:
        model = self._models.get((row.index, code))
        if model is None:
            if len(self._models) > 50_000:  # bounded: a long batch sees many spellings
                self._models.clear()
            model = self._models[(row.index, code)] = self._canonical(row, code)
        return model

    def _canonical(self, row: _Row, code: str) -> str:
        tokens = []
        for tok in code.split():
            # only lower-case and Russian spellings are rewritten: "PRO" is AMD's own
            canon = _TOKEN_CANON.get(tok.lower()) if tok.islower() or _is_cyrillic(tok[0]) else None
            if canon is None:
                if row.script == "cyr":
                    canon = tok.translate(_TO_CYR).upper()
                elif re.search(r"[A-Za-z0-9]", tok):
                    canon = _fold(tok)  # "Н100" typed with a Cyrillic Н is H100
                else:
                    canon = tok
            tokens.append(canon)
        model = " ".join(tokens)
        if row.family:
            model = f"{row.family}{row.joiner}{model}"
        for pat, repl in self._aliases:
            model = pat.sub(repl, model)
        return model.strip()

    def _entities(self, text: str, hits: list[_Hit]) -> list[Entity]:
        # the first spelling of a model in the document is the one all its mentions share
        models: dict[tuple[str, str], str] = {}
        for h in hits:
            models.setdefault(h.key, h.model)
        out: list[Entity] = []
        for h in hits:
            model = models[h.key]
            vendor = h.row.vendor
            normal = model if _key(model).startswith(_key(vendor)) else f"{vendor} {model}"
            out.append(
                Entity(
                    HARDWARE,
                    text[h.start : h.stop],
                    normal,
                    h.start,
                    h.stop,
                    vendor=vendor,
                    category=h.row.category,
                    model=model,
                )
            )
            if h.vendor_span is not None:
                vs, ve = h.vendor_span
                out.append(Entity(ORG, text[vs:ve], vendor, vs, ve))
        out.sort(key=lambda e: (e.start, -e.stop))
        return out


class _Context:
    """Per-document evidence: sentence bounds, vendor words, hardware nouns."""

    def __init__(self, ex: HardwareExtractor, text: str, folded: str, vendors: list[tuple[int, str]]) -> None:
        self.ex = ex
        self.text = text
        self.folded = folded
        self.breaks = [0] + [m.end() for m in _SENT_BREAK_RE.finditer(text)] + [len(text)]
        self.vendors = vendors
        self._vendor_starts = [s for s, _ in vendors]
        self._cue_cache: dict[tuple[str, int], bool] = {}

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.breaks, pos)
        return self.breaks[i - 1], self.breaks[min(i, len(self.breaks) - 1)]

    def vendor_in_sentence(self, vendor: str, pos: int) -> bool:
        s, e = self.sentence(pos)
        i = bisect.bisect_left(self._vendor_starts, s)
        while i < len(self.vendors) and self.vendors[i][0] < e:
            if self.vendors[i][1] == vendor:
                return True
            i += 1
        return False

    def cue_in_sentence(self, cls: str, pos: int) -> bool:
        s, e = self.sentence(pos)
        key = (cls, s)
        if key not in self._cue_cache:
            self._cue_cache[key] = self.ex._cue_res[cls].search(self.folded, s, e) is not None
        return self._cue_cache[key]

    def cue_near(self, cls: str, start: int, stop: int) -> bool:
        s, e = self.sentence(start)
        if self.ex._near_before[cls].search(self.folded, max(s, start - 60), start):
            return True
        # or right after: "L4 GPU", "P60 смартфон"
        return (
            stop < e
            and self.folded[stop].isspace()
            and self.ex._cue_res[cls].match(self.folded, stop + 1, min(e, stop + 40)) is not None
        )

    def accepts(self, row: _Row, start: int, stop: int, vendor_span: tuple[int, int] | None) -> bool:
        if row.context == "strong" or vendor_span is not None:
            return True
        if row.context == "vendor":
            return False
        if self.vendor_in_sentence(row.vendor, start):
            return True
        cls = "device" if row.category in _DEVICE_CATEGORIES else "chip"
        if row.context == "cue":
            return self.cue_in_sentence(cls, start)
        return self.cue_near(cls, start, stop)

    def vetoed(self, start: int) -> bool:
        m = _PREV_WORD_RE.search(self.folded, max(0, start - 40), start)
        return m is not None and self.ex._veto.fullmatch(m.group(1)) is not None

    def after_is_number(self, stop: int) -> bool:
        """An amount, not a model, ends here: "Xiaomi 10 млн", "Honor 10 000"."""
        if stop == 0 or not self.folded[stop - 1].isdigit():
            return False
        return self.ex._after.match(self.folded, stop) is not None


# ---- helpers -----------------------------------------------------------------------------


def _expand(pattern: str, macros: dict[str, str]) -> str:
    for _ in range(10):  # macros may use macros
        new = _MACRO_RE.sub(lambda m: macros[m.group(1)], pattern)
        if new == pattern:
            return new
        pattern = new
    raise ValueError(f"macro recursion in {pattern!r}")


def _join(family_re: str, code_re: str) -> str:
    if not family_re:
        return code_re
    # family and code may be glued, spaced or hyphenated: "RTX 4090", "Эльбрус-8С", "PS5"
    return rf"(?:{family_re}){_HSPACE}*-?{_HSPACE}*{code_re}"


def _first_set(pattern: str, cased: bool = False) -> set[str] | None:
    """The characters a match of `pattern` (case-insensitive) can start with; None: any.

    With `cased`, a Cyrillic letter keeps the case it is written in: news capitalise
    "Эльбрус", "Байкал", "Редми", so a lower-case Russian word is not worth trying
    unless the data spells the brand in lower case too ("айфон").

    Parsing every row's pattern costs ~25 ms at start-up, so the answers are kept in
    the on-disk cache (`newsfacts.cache`), per pattern, for this module's source.
    """
    key = f"{int(cased)}{pattern}"
    known = _first_sets()
    if key in known:
        value = known[key]
    else:
        chars, nullable = _first(_sre_parse.parse(pattern, re.I).data)
        value = None
        if chars is not None and not nullable:
            value = sorted({x for c in chars for x in ((c,) if cased and _is_cyrillic(c) else (c.lower(), c.upper()))})
        known[key] = value
        _FIRST_SETS_NEW.add(key)
    _FIRST_SETS_USED.add(key)
    return None if value is None else set(value)


_FIRST_SETS: dict[str, list[str] | None] | None = None
_FIRST_SETS_NEW: set[str] = set()
_FIRST_SETS_USED: set[str] = set()


def _first_sets_file() -> str:
    return cache.cache_name("hardware-first-chars", Path(__file__).read_bytes())


def _first_sets() -> dict[str, list[str] | None]:
    global _FIRST_SETS
    if _FIRST_SETS is None:
        loaded = cache.load(_first_sets_file())
        _FIRST_SETS = {k: v for k, v in loaded.items() if v is None or isinstance(v, list)}
    return _FIRST_SETS


def _save_first_sets() -> None:
    """Store the answers if any was new (only the patterns in use, so the file never grows)."""
    if _FIRST_SETS_NEW and _FIRST_SETS is not None:
        cache.save(_first_sets_file(), {k: _FIRST_SETS[k] for k in sorted(_FIRST_SETS_USED)})
        _FIRST_SETS_NEW.clear()


def _is_cyrillic(c: str) -> bool:
    return "\u0400" <= c <= "\u04ff"


def _first(seq: list[tuple[object, object]]) -> tuple[set[str] | None, bool]:
    """(first characters, can match empty) of a parsed regex sequence; None when unknown."""
    out: set[str] = set()
    for op, av in seq:
        name = str(op)
        chars: set[str] | None
        if name == "LITERAL":
            chars, nullable = {chr(av)}, False  # type: ignore[arg-type]
        elif name == "IN":
            chars, nullable = set(), False
            for iop, iav in av:  # type: ignore[attr-defined]
                if str(iop) == "LITERAL":
                    chars.add(chr(iav))
                elif str(iop) == "RANGE" and iav[1] - iav[0] < 512:
                    chars.update(map(chr, range(iav[0], iav[1] + 1)))
                elif str(iav) == "CATEGORY_DIGIT":
                    chars.update("0123456789")  # \d: news text writes ASCII digits
                else:
                    return None, False
        elif name == "BRANCH":
            chars, nullable = set(), False
            for alt in av[1]:  # type: ignore[index]
                sub, sub_null = _first(alt)
                if sub is None:
                    return None, False
                chars |= sub
                nullable = nullable or sub_null
        elif name == "SUBPATTERN":
            chars, nullable = _first(av[-1])  # type: ignore[index]
        elif name == "ATOMIC_GROUP":
            chars, nullable = _first(av)  # type: ignore[arg-type]
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            chars, nullable = _first(av[2])  # type: ignore[index]
            nullable = nullable or av[0] == 0  # type: ignore[index]
        elif name in ("AT", "ASSERT", "ASSERT_NOT"):
            chars, nullable = set(), True  # zero width
        else:
            return None, False
        if chars is None:
            return None, False
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _lower_set(chars: set[str] | None, what: str = "") -> set[str]:
    if chars is None:
        raise ValueError(f"hardware pattern may start with any character, anchor it: {what}")
    return {c.lower() for c in chars}


def _add_gate(gate: set[str], chars: set[str] | None, what: str) -> None:
    """Gate characters for text as written: a Latin capital also admits its Cyrillic twin."""
    if chars is None:
        raise ValueError(f"hardware pattern may start with any character, anchor it: {what}")
    for c in chars:
        gate.add(c)
        if c in _LAT_TO_CYR_UPPER:
            gate.add(_LAT_TO_CYR_UPPER[c])


def _skip_space(s: str, pos: int) -> int:
    while pos < len(s) and (s[pos].isspace() or s[pos] == "-"):
        pos += 1
    return pos


def _drop_overlaps(hits: list[_Hit]) -> list[_Hit]:
    """Keep the earliest, then longest, of overlapping mentions."""
    hits = sorted(hits, key=lambda h: (h.start, -h.stop))
    out: list[_Hit] = []
    for h in hits:
        if out and h.start < out[-1].stop:
            continue
        out.append(h)
    return out
