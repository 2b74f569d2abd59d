"""HARDWARE extractor: chip, accelerator and device models, matched in a document.

The knowledge is data, compiled by ``hwlexicon`` (model families, makers, cues,
vetoes, suffixes); this module is the matcher that applies it:

- a mention is [maker word] [architecture word] family+code; every family row
  is one alternative of a regex, tried only at word starts whose first
  character can begin that row, so an article costs well under a millisecond;
- the text is matched with Cyrillic look-alike letters folded to Latin (and so
  are the patterns), so "Н100" typed with a Cyrillic Н and "Эльбрус-8СВ" typed
  with a Latin C match the same rows, while offsets stay those of the text;
- each row says how much evidence it needs (``strong`` / ``cue`` / ``near`` /
  ``vendor``); a mention lacking it still counts when the same model is
  accepted elsewhere in the document;
- where no row matches, the general rule: a known maker followed by a model-like
  designation (``hwdesignation``) is a model when its sentence has a hardware
  noun of a kind the maker makes, or the document is about that kind;
- lists share the family ("RTX 4070, 4080 и 4090", "vivo Y28 и Y38"); a family
  named in the document licenses its bare codes ("K30 Pro Zoom" after "Redmi
  K30 Pro"), and all mentions of one model share one ``normal``.

Cost is linear in the text: one pass over word starts, bounded look-arounds,
sentence lookups by bisection.

No natasha here: the module must import and run in a few milliseconds.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from .. import recache
from ..const import HARDWARE, ORG
from ..doc import Entity
from .hwdesignation import Designation, read_continuation, read_designation
from .hwlexicon import END, Lexicon, Maker, Row, cue_class, fold, fold_text, is_cyrillic, load_lexicon

__all__ = ["HardwareExtractor"]

# Codes whose canonical form is Cyrillic (Эльбрус-8СВ) map Latin back.
_TO_CYR = str.maketrans("ABCEHKMOPTXSVabcehkmoptxsv", "АВСЕНКМОРТХСВавсенкмортхсв")
_SEP_RE = recache.compile(r"[^\S\n]+|-")
_SPACE_RE = recache.compile(r"[^\S\n]+")
_LIST_SEP = recache.compile(fold(r"[^\S\n]*(?:(?:,[^\S\n]*)?(?:и|или|а|and)(?!\w)|[,/&])"))
# A sentence ends at . ! ? … before a capital, digit or quote, or at a line break.
_SENT_BREAK_RE = recache.compile(r"[.!?…]+[»\"')\]]*\s+(?=[A-ZА-ЯЁ«\"„\d])|\n")
_PREV_WORD_RE = recache.compile(r"(\w+)[^\w\n]{0,3}$")
_LONG_CODE = recache.compile(r"[A-Za-z]|\d{3}")
# A document is about a kind of hardware when it names it this often.
_DOC_CUES = 2


@functools.lru_cache(maxsize=4096)
def _key(s: str) -> str:
    """Identity of a model in a document: case, script, spaces and hyphens ignored."""
    return re.sub(r"[\s\-]+", "", fold(s).lower())


@dataclass(slots=True)
class _Hit:
    start: int
    stop: int
    vendor: str
    category: str
    model: str
    vendor_span: tuple[int, int] | None
    ok: bool  # False: waits for the same model to be accepted elsewhere in the document
    row: Row | None = None  # None: found by the maker rule
    org: str = ""  # the ORG normal of the maker word inside the span

    @property
    def key(self) -> tuple[str, str]:
        return _key(self.model), self.vendor


@dataclass(slots=True)
class _Raw:
    """A regex match of one row at a position, with the vendor/architecture words before it."""

    start: int
    match: re.Match[str]
    row: Row
    code_group: str
    vendor: re.Match[str] | None
    fold: re.Match[str] | None
    code_end: int  # after the code and its tail of suffixes ("855 Plus")
    stop: int  # after the memory size too ("H100 80GB")


class HardwareExtractor:
    """Find HARDWARE mentions (and the ORG maker words inside them) in a document."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lex = lexicon or load_lexicon()
        self._models: dict[tuple[int, str], str] = {}  # (row, code as written) -> canonical model

    # ---- matching ------------------------------------------------------------------------

    def find(self, text: str) -> list[Entity]:
        """All HARDWARE mentions in `text`, plus ORG for maker words inside them, by start."""
        lex = self.lex
        folded = fold_text(text)
        # parallel lists of plain ints and shared strings: a long text makes no garbage to trace
        vendor_starts: list[int] = []
        vendor_names: list[str] = []
        raws: list[_Raw] = []
        maker_spans: list[int] = []  # start, stop, maker index of maker words where no row matched
        last = 0
        for g in lex.gate.finditer(text):
            pos = g.start()
            c = folded[pos].lower()
            vpat = lex.maker_at(folded, pos)
            vm = vpat.match(folded, pos) if vpat is not None else None
            maker = lex.makers[int(vm.lastgroup[1:])] if vm is not None else None  # type: ignore[index]
            if maker is not None and not maker.brand:  # "Mi" is a family word too: no evidence
                vendor_starts.append(pos)
                vendor_names.append(maker.vendor)
            if pos < last:
                continue
            if vm is None and c not in lex.fold_first and c not in lex.bucket_rows:
                continue  # the common case: a capitalised word no row can begin
            raw = self._match_at(folded, pos, c, vm)
            if raw is not None:
                raws.append(raw)
                last = raw.stop
            elif vm is not None and maker is not None and maker.kinds:
                maker_spans += (pos, vm.end(), maker.index)

        if not raws and not maker_spans:
            return []  # most texts of a general news feed
        ctx = _Context(lex, text, folded, vendor_starts, vendor_names)
        hits: list[_Hit] = []
        for raw in raws:
            hit = self._hit(ctx, raw)
            if hit is None or not hit.ok:
                hit = self._second_opinion(ctx, raw) or hit
            if hit is not None:
                hits.append(hit)
                hits.extend(self._continuations(ctx, hit, raw))
        raws.clear()  # a long text holds many: free them before the next allocations
        row_starts = [h.start for h in hits]  # in text order
        for k in range(0, len(maker_spans), 3):
            start, stop, index = maker_spans[k : k + 3]
            for h in self._maker_hits(ctx, start, stop, lex.makers[index]):
                # a family the rows know inside the designation is the model: "Sapphire Pulse
                # Radeon RX 7600" is AMD's card in a board maker's cooler
                i = bisect.bisect_left(row_starts, h.start)
                if i < len(row_starts) and row_starts[i] < h.stop:
                    break
                hits.append(h)
        hits = _drop_overlaps(hits)

        # A mention lacking evidence counts when the document names the same model with
        # evidence, or (for `cue` families) the same family: "Mi 10 Pro" after "Xiaomi Mi 10".
        confirmed = {h.key for h in hits if h.ok}
        families = {h.row.index for h in hits if h.ok and h.row is not None}
        hits = [
            h
            for h in hits
            if h.ok or h.key in confirmed or (h.row is not None and h.row.context == "cue" and h.row.index in families)
        ]
        extra = self._bare_hits(ctx, hits) + self._remention_hits(ctx, hits)
        if extra:
            hits = _drop_overlaps(hits + extra)
        return self._entities(text, hits)

    def _match_at(self, folded: str, pos: int, c: str, vm: re.Match[str] | None) -> _Raw | None:
        """The longest of [vendor] [architecture] model at `pos`, tried like a greedy regex."""
        lex = self.lex
        starts: list[tuple[int, re.Match[str] | None, re.Match[str] | None]] = []
        if vm is not None and (sep := _SEP_RE.match(folded, vm.end())) is not None:
            q = sep.end()
            if q < len(folded):
                fm = lex.fold_re.match(folded, q) if folded[q].lower() in lex.fold_first else None
                if fm is not None:
                    starts.append((_SEP_RE.match(folded, fm.end()).end(), vm, fm))  # type: ignore[union-attr]
                starts.append((q, vm, None))
        if c in lex.fold_first and (fm := lex.fold_re.match(folded, pos)) is not None:
            starts.append((_SEP_RE.match(folded, fm.end()).end(), None, fm))  # type: ignore[union-attr]
        starts.append((pos, None, None))
        for at, v, f in starts:
            if at >= len(folded):
                continue
            pat = lex.bucket_at(folded, at)
            m = pat.match(folded, at) if pat is not None else None
            if m is not None:
                row = lex.rows[int(m.lastgroup[1:])]  # type: ignore[index]
                t = lex.tail_re.match(folded, m.end())
                return _Raw(pos, m, row, f"c{row.index}", v, f, t.end("tail"), t.end())  # type: ignore[union-attr]
        return None

    def _hit(self, ctx: _Context, raw: _Raw) -> _Hit | None:
        m, row = raw.match, raw.row
        start, stop = raw.start, raw.stop
        if ctx.after_is_number(stop):
            return None
        vendor_span = None
        org = ""
        if raw.vendor is not None:
            vtext = raw.vendor.group()
            if self.lex.spelling(row.vendor).fullmatch(vtext):
                vendor_span, org = raw.vendor.span(), row.vendor
            elif row.fold is None or not row.fold.fullmatch(vtext):
                # another vendor's word is not part of the mention; a word that is this
                # row's brand stays ("Tesla V100" is NVIDIA's Tesla, not the carmaker)
                start = _skip_space(ctx.folded, raw.vendor.end())
        if raw.fold is not None and (row.fold is None or not row.fold.fullmatch(raw.fold.group())):
            start = _skip_space(ctx.folded, max(start, raw.fold.end()))
        if row.context == "vendor" and raw.vendor is None:
            vm = self.lex.spelling(row.vendor).match(ctx.folded, start)
            if vm is not None:
                vendor_span, org = vm.span(), row.vendor
        # vetoes guard ambiguous codes ("трасса М2"); a strong row is never one ("уровня GTX 1060")
        if vendor_span is None and row.context != "strong" and ctx.vetoed(start):
            return None
        code = ctx.text[m.start(raw.code_group) : raw.code_end]
        model = self._model(row, code)
        ok = ctx.accepts(row, start, stop, vendor_span)
        return _Hit(start, stop, row.vendor, row.category, model, vendor_span, ok, row, org)

    def _second_opinion(self, ctx: _Context, raw: _Raw) -> _Hit | None:
        """The first row that matched lacked evidence: ask the other rows at that place.

        "P40" is an NVIDIA card or a Huawei phone depending on the sentence, and a
        regex reports only its first matching alternative.
        """
        at = raw.match.start()
        pending = None
        for row in self.lex.rows_at(ctx.folded, at):
            if row is raw.row:
                continue
            m = self.lex.row_re(row).match(ctx.folded, at)
            if m is None:
                continue
            t = self.lex.tail_re.match(ctx.folded, m.end())
            hit = self._hit(ctx, _Raw(raw.start, m, row, "c", raw.vendor, raw.fold, t.end("tail"), t.end()))  # type: ignore[union-attr]
            if hit is not None and hit.ok:
                return hit
            pending = pending or hit
        return pending

    def _continuations(self, ctx: _Context, hit: _Hit, raw: _Raw) -> list[_Hit]:
        """Codes sharing one family word: "Snapdragon 888 и 865", "iPhone 13, 14 и 15"."""
        row = hit.row
        # the family word, or for phone brands the maker word, is shared: "vivo Y28 и Y38"
        if row is None or not (row.family_re or row.context == "vendor"):
            return []
        pat = self.lex.cont_re(row)
        prev = ctx.text[raw.match.start(raw.code_group) : raw.match.end(raw.code_group)]
        out: list[_Hit] = []
        pos = hit.stop
        while (m := pat.match(ctx.folded, pos)) is not None:
            code = m.group("c")
            # a bare short number after "и" is too often an amount ("iPhone 15 и 2 других"):
            # it continues the list only when shaped like the code before it
            if not _LONG_CODE.search(code) and not (code.isdigit() and len(code) == len(prev)):
                break
            t = self.lex.tail_re.match(ctx.folded, m.end())
            if t is None or ctx.after_is_number(t.end()):
                break
            model = self._model(row, ctx.text[m.start("c") : t.end("tail")])
            out.append(_Hit(m.start("c"), t.end(), row.vendor, row.category, model, None, hit.ok, row))
            pos, prev = t.end(), code
        return out

    def _maker_hits(self, ctx: _Context, start: int, stop: int, maker: Maker) -> list[_Hit]:
        """The general rule: maker + designation, with the evidence of its kind of hardware."""
        # "Hailo-8": a maker's own name with a number (never a sub-brand's: "Mi-8" is a helicopter)
        glued = not maker.brand and ctx.text.startswith("-", stop) and ctx.text[stop + 1 : stop + 2].isdigit()
        sep = _SPACE_RE.match(ctx.text, stop)
        if not glued and (sep is None or sep.end() >= len(ctx.text)):
            return []
        at = stop + 1 if glued else sep.end()  # type: ignore[union-attr]
        # a family the lexicon lists is decided by its rows ("Ryzen 9", "GeForce RTX 3000")
        fam = self.lex.family_start(ctx.folded[at].lower())
        if fam is not None and fam.match(ctx.folded, at):
            return []
        d = read_designation(self.lex, ctx.text, at, maker)
        if d is not None and glued:
            if not d.has_code:
                return []
            d = Designation(d.start, d.stop, (ctx.text[start:at] + d.tokens[0], *d.tokens[1:]), True, d.code)
        if d is None or ctx.after_is_number(d.stop) or ctx.vetoed(start) or ctx.vehicle(start):
            return []
        category = ctx.kind_for(maker, start, strict=not d.has_code)
        if category is None and not d.has_code:
            return []
        vendor_span = None if maker.brand else (start, stop)
        out = [self._maker_hit(ctx, maker, d, start, vendor_span, category)]
        return out + self._list_after(ctx, maker, d, category)

    def _list_after(self, ctx: _Context, maker: Maker, d: Designation, category: str | None) -> list[_Hit]:
        """The rest of a list of one maker's models: "vivo Y28 и Y38", "IdeaPad Duet и IdeaPad Flex 5"."""
        out: list[_Hit] = []
        pos = d.stop
        while (sep_m := _LIST_SEP.match(ctx.folded, pos)) is not None:
            nxt = _SPACE_RE.match(ctx.text, sep_m.end())
            nd = read_continuation(self.lex, ctx.text, nxt.end() if nxt else sep_m.end(), d)
            if nd is None or ctx.after_is_number(nd.stop):
                break
            out.append(self._maker_hit(ctx, maker, nd, nd.start, None, category))
            pos, d = nd.stop, nd
        return out

    def _maker_hit(
        self,
        ctx: _Context,
        maker: Maker,
        d: Designation,
        start: int,
        span: tuple[int, int] | None,
        category: str | None,
    ) -> _Hit:
        model = self._canonical(None, " ".join(d.tokens))
        if maker.brand:  # the sub-brand is part of the model: "Black Shark 2 Pro"
            model = f"{maker.name} {model}"
        kind = category or maker.kinds[0]
        return _Hit(start, d.stop, maker.vendor, kind, model, span, category is not None, None, maker.name)

    def _bare_hits(self, ctx: _Context, hits: list[_Hit]) -> list[_Hit]:
        """Codes without their family word, for families the document already names."""
        out: list[_Hit] = []
        seen: set[int] = set()
        for h in hits:
            row = h.row
            if row is None or not row.bare_re or row.index in seen:
                continue
            seen.add(row.index)
            for m in self.lex.bare_re(row).finditer(ctx.folded):
                t = self.lex.tail_re.match(ctx.folded, m.end())
                if t is None or ctx.vetoed(m.start()) or ctx.after_is_number(t.end()):
                    continue
                model = self._model(row, ctx.text[m.start("c") : t.end("tail")])
                out.append(_Hit(m.start(), t.end(), row.vendor, row.category, model, None, True, row))
        return out

    def _remention_hits(self, ctx: _Context, hits: list[_Hit]) -> list[_Hit]:
        """A maker-rule model named again without its maker: "Exodus 1S" after "HTC Exodus 1S"."""
        found: dict[str, _Hit] = {}
        for h in hits:
            if h.row is None and h.ok:
                bare = h.model if h.vendor_span is None else ctx.text[h.vendor_span[1] : h.stop].strip()
                bare = re.sub(r"\s+", " ", bare)
                if len(bare) >= 3 and re.search(r"[A-Za-z]{2}|[A-Za-z]\d|\d[A-Za-z]", bare):
                    found.setdefault(bare, h)
        if not found:
            return []
        alts = "|".join(re.escape(b).replace(r"\ ", r"[^\S\n]+") for b in sorted(found, key=len, reverse=True))
        pat = recache.compile(rf"(?<![\w\-])(?:{alts}){END}")
        out: list[_Hit] = []
        for m in pat.finditer(ctx.text):
            h = found.get(re.sub(r"\s+", " ", m.group()))
            if h is not None:
                out.append(_Hit(m.start(), m.end(), h.vendor, h.category, h.model, None, True, None, h.org))
                maker = self.lex.maker_by_name.get(h.org)
                words = tuple(m.group().split())
                if maker is not None:
                    d = Designation(m.start(), m.end(), words, any(c.isdigit() for c in words[-1]), words[-1])
                    out.extend(self._list_after(ctx, maker, d, h.category))
        return out

    def _model(self, row: Row, code: str) -> str:
        model = self._models.get((row.index, code))
        if model is None:
            if len(self._models) > 50_000:  # bounded: a long batch sees many spellings
                self._models.clear()
            model = self._models[(row.index, code)] = self._canonical(row, code)
        return model

    def _canonical(self, row: Row | None, code: str) -> str:
        tokens = []
        for tok in code.split():
            # only lower-case and Russian spellings are rewritten: "PRO" is AMD's own
            canon = self.lex.canon.get(tok.lower()) if tok.islower() or is_cyrillic(tok[0]) else None
            if canon is None:
                if row is not None and row.script == "cyr":
                    canon = tok.translate(_TO_CYR).upper()
                elif re.search(r"[A-Za-z0-9]", tok):
                    canon = fold(tok)  # "Н100" typed with a Cyrillic Н is H100
                else:
                    canon = tok
            tokens.append(canon)
        model = " ".join(tokens)
        if row is not None and row.family:
            model = f"{row.family}{row.joiner}{model}"
        for pat, repl in self.lex.aliases:
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
            out.append(
                Entity(
                    HARDWARE,
                    text[h.start : h.stop],
                    _normal(h.vendor, model),
                    h.start,
                    h.stop,
                    vendor=h.vendor,
                    category=h.category,
                    model=model,
                )
            )
            if h.vendor_span is not None:
                vs, ve = h.vendor_span
                out.append(Entity(ORG, text[vs:ve], h.org or h.vendor, vs, ve))
        if not _in_order(out):  # built in text order already, unless a span holds another
            out.sort(key=lambda e: (e.start, -e.stop))
        return out


@functools.lru_cache(maxsize=4096)
def _normal(vendor: str, model: str) -> str:
    """Vendor + model, unless the model already opens with the vendor's name or first word
    ("Raspberry Pi 5", "Байкал-М" of Байкал Электроникс)."""
    mk = _key(model)
    if mk.startswith(_key(vendor)) or mk.startswith(_key(vendor.split()[0])):
        return model
    return f"{vendor} {model}"


class _Context:
    """Per-document evidence: sentence bounds, maker words, hardware nouns."""

    def __init__(self, lex: Lexicon, text: str, folded: str, vendor_starts: list[int], vendors: list[str]) -> None:
        self.lex = lex
        self.text = text
        self.folded = folded
        self._vendor_starts = vendor_starts
        self._vendors = vendors
        self._cue_cache: dict[tuple[str, int], bool] = {}
        self._doc_cues: dict[str, bool] = {}

    @functools.cached_property
    def breaks(self) -> list[int]:
        """Sentence starts, worked out only for a text with a candidate in it."""
        return [0] + [m.end() for m in _SENT_BREAK_RE.finditer(self.text)] + [len(self.text)]

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.breaks, pos)
        return self.breaks[i - 1], self.breaks[min(i, len(self.breaks) - 1)]

    def vendor_in_sentence(self, vendor: str, pos: int) -> bool:
        s, e = self.sentence(pos)
        i = bisect.bisect_left(self._vendor_starts, s)
        # bounded: a sentence of a thousand maker words is no sentence ("Lenovo Lenovo ...")
        for j in range(i, min(len(self._vendors), i + 50)):
            if self._vendor_starts[j] >= e:
                break
            if self._vendors[j] == vendor:
                return True
        return False

    def cue_in_sentence(self, cls: str, pos: int) -> bool:
        s, e = self.sentence(pos)
        key = (cls, s)
        if key not in self._cue_cache:
            pat = self.lex.cue_res.get(cls)
            self._cue_cache[key] = pat is not None and pat.search(self.folded, s, e) is not None
        return self._cue_cache[key]

    def cue_in_document(self, cls: str) -> bool:
        """The document is about this kind of hardware: it names it at least twice."""
        if cls not in self._doc_cues:
            pat = self.lex.cue_res.get(cls)
            n = 0
            if pat is not None:
                for _ in pat.finditer(self.folded):
                    n += 1
                    if n >= _DOC_CUES:
                        break
            self._doc_cues[cls] = n >= _DOC_CUES
        return self._doc_cues[cls]

    def kind_for(self, maker: Maker, pos: int, strict: bool = False) -> str | None:
        """The kind of hardware the evidence says the maker's model is; None: no evidence.

        A hardware noun of the kind in the sentence wins; else (unless `strict`) a
        document about that kind."""
        for kind in maker.kinds:
            if self.cue_in_sentence(cue_class(kind), pos):
                return kind
        if strict:
            return None
        for kind in maker.kinds:
            if self.cue_in_document(cue_class(kind)):
                return kind
        return None

    def vehicle(self, pos: int) -> bool:
        """Cars, aircraft and rockets share makers and codes with gadgets ("Xiaomi SU7")."""
        return self.cue_in_sentence("vehicle", pos)

    def cue_near(self, cls: str, start: int, stop: int) -> bool:
        s, e = self.sentence(start)
        if self.lex.near_before[cls].search(self.folded, max(s, start - 60), start):
            return True
        # or right after: "L4 GPU", "P60 смартфон"
        return (
            stop < e
            and self.folded[stop].isspace()
            and self.lex.cue_res[cls].match(self.folded, stop + 1, min(e, stop + 40)) is not None
        )

    def accepts(self, row: Row, start: int, stop: int, vendor_span: tuple[int, int] | None) -> bool:
        if row.context == "strong" or vendor_span is not None:
            return True
        if row.context == "vendor":
            return False
        if self.vendor_in_sentence(row.vendor, start):
            return True
        cls = "device" if cue_class(row.category) == "device" else "chip"
        if row.context == "cue":
            return self.cue_in_sentence(cls, start)
        return self.cue_near(cls, start, stop)

    def vetoed(self, start: int) -> bool:
        m = _PREV_WORD_RE.search(self.folded, max(0, start - 40), start)
        return m is not None and self.lex.veto.fullmatch(m.group(1)) is not None

    def after_is_number(self, stop: int) -> bool:
        """An amount, not a model, ends here: "Xiaomi 10 млн", "Honor 10 000"."""
        if stop == 0 or not self.folded[stop - 1].isdigit():
            return False
        return self.lex.after.match(self.folded, stop) is not None


def _skip_space(s: str, pos: int) -> int:
    while pos < len(s) and (s[pos].isspace() or s[pos] == "-"):
        pos += 1
    return pos


def _in_order(items: list[_Hit] | list[Entity]) -> bool:
    """By start, then longest first; checked without building sort keys for every item."""
    for i in range(1, len(items)):
        a, b = items[i - 1], items[i]
        if a.start > b.start or (a.start == b.start and a.stop < b.stop):
            return False
    return True


def _drop_overlaps(hits: list[_Hit]) -> list[_Hit]:
    """Keep the earliest, then longest, of overlapping mentions."""
    if not _in_order(hits):
        hits = sorted(hits, key=lambda h: (h.start, -h.stop))
    out: list[_Hit] = []
    for h in hits:
        if out and h.start < out[-1].stop:
            continue
        out.append(h)
    return out
