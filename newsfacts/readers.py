"""Turn command-line inputs into items: each one article's text, or the reason it has none.

One walk, in a stable order: files as named, folders recursively in path order, ``-`` (stdin),
and JSON Lines archives (``.jsonl``, ``.jsonl.gz``) one record at a time. Reading is total:
whatever goes wrong with one input (missing, unreadable, binary, undecodable, a page that fails
to reduce or has no article text, a bad archive record, too long) becomes that input's
``Item.error``, and the walk goes on. Bytes are decoded as UTF-8/UTF-16/UTF-32 by BOM, else
UTF-8, else a detected Cyrillic encoding; saved web pages are reduced to their article text and
their publication date. Lone surrogates are replaced by U+FFFD here, so every text encodes.
"""

from __future__ import annotations

import errno
import gzip
import hashlib
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .const import STDIN_NAME
from .errors import InputError
from .settings import MAX_CHARS

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
ARCHIVE_SUFFIXES = (".jsonl", ".jsonl.gz")
# libxml2 stops building the tree at this depth; past it a page "has no text" only by accident.
MAX_HTML_DEPTH = 255

# Magic numbers of formats people save next to articles by mistake.
_BINARY_MAGIC = (
    b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"BZh",
    b"\x7fELF", b"RIFF", b"\x00\x00\x01\x00", b"ID3", b"OggS", b"\xd0\xcf\x11\xe0",
)
# Longest first: a UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
)
# Encodings a Russian text outside UTF-8 is realistically saved in.
_FALLBACK_ENCODINGS = ["cp1251", "koi8_r", "cp866", "mac_cyrillic", "iso8859_5", "utf_16", "utf_32"]
_SURROGATE = re.compile("[\ud800-\udfff]")
_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")

# (key, content hash) -> True when --db holds that document already: it is then not decoded.
Known = Callable[[str, str], bool]


@dataclass(frozen=True, slots=True)
class ReadOptions:
    encoding: str | None = None
    max_chars: int = MAX_CHARS
    text_field: str = "text"
    id_field: str = "id"
    date_field: str | None = None


@dataclass(frozen=True, slots=True)
class Item:
    """One article as read: ``text`` or ``error`` (or ``stored``: --db has it, not read further).

    ``source`` is what the output shows (the path as given, ``<stdin>``, ``archive.jsonl#id``);
    ``key`` identifies the document in ``--db`` (absolute path, ``<stdin>#<hash>`` or
    ``/abs/archive.jsonl#id``); ``content_hash`` is the sha256 of the raw bytes (of the file,
    or of the archive line), None when they could not be read.
    """

    source: str
    key: str
    content_hash: str | None = None
    text: str | None = None
    error: str | None = None
    published: str | None = None
    stored: bool = False


@dataclass(frozen=True, slots=True)
class Input:
    """One file to read, or stdin when ``path`` is None."""

    name: str
    path: Path | None = None

    @property
    def is_html(self) -> bool | None:
        """True for a saved page, False for a text file, None (look at the content) otherwise."""
        if self.path is None:
            return None
        suffix = self.path.suffix.lower()
        if suffix in HTML_SUFFIXES:
            return True
        return False if suffix in ARTICLE_SUFFIXES else None

    @property
    def is_archive(self) -> bool:
        return self.path is not None and self.name.lower().endswith(ARCHIVE_SUFFIXES)


def content_hash(data: bytes) -> str:
    """sha256 hex digest of raw input bytes (before decoding or HTML cleanup)."""
    return hashlib.sha256(data).hexdigest()


def read_items(inputs: Iterable[str], options: ReadOptions | None = None, known: Known | None = None) -> Iterator[Item]:
    """Every article of ``inputs``, in order, each with its text or its error."""
    options = options or ReadOptions()
    for entry in expand_inputs(inputs):
        if isinstance(entry, InputError):
            yield Item(entry.path, _key(entry.path), error=entry.reason)
        elif entry.is_archive:
            yield from _archive(entry, options, known)
        else:
            yield _file(entry, options, known)


def expand_inputs(inputs: Iterable[str]) -> Iterator[Input | InputError]:
    """The files named by INPUT arguments, in a stable order; a bad argument as InputError."""
    for arg in inputs:
        if arg == "-":
            yield Input(STDIN_NAME)
            continue
        path = Path(arg)
        try:
            if path.is_dir():
                found = False
                for file in _walk(path):
                    found = True
                    yield file if isinstance(file, InputError) else Input(str(file), file)
                if not found:
                    suffixes = ", ".join(ARTICLE_SUFFIXES + ARCHIVE_SUFFIXES)
                    yield InputError(arg, f"no article files ({suffixes}) in this folder")
            elif path.exists():
                yield Input(arg, path)
            else:
                yield InputError(arg, "no such file or folder")
        except (OSError, ValueError) as e:  # a name the OS refuses (too long, NUL byte)
            yield InputError(arg, _os_reason(e))


def _walk(folder: Path) -> Iterator[Path | InputError]:
    # Depth-first in name order at every level, so output is sorted by path; streamed, so a
    # huge folder starts at once. Symlinked folders are not followed (no cycles); hidden names
    # are skipped, which also keeps our own temporary output file out of the walk.
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as e:
        yield InputError(str(folder), _os_reason(e))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path))
        elif entry.name.lower().endswith(ARTICLE_SUFFIXES + ARCHIVE_SUFFIXES) and entry.is_file():
            yield Path(entry.path)


def _key(name: str) -> str:
    """Absolute paths in --db, so a re-run from another folder still finds its documents."""
    return name if name.startswith(STDIN_NAME) else os.path.abspath(name)


def _file(entry: Input, options: ReadOptions, known: Known | None) -> Item:
    try:
        data = read_bytes(entry)
    except InputError as e:
        return Item(entry.name, _key(entry.name), error=e.reason)
    digest = content_hash(data)
    key = f"{STDIN_NAME}#{digest}" if entry.path is None else _key(entry.name)
    if known is not None and known(key, digest):
        return Item(entry.name, key, digest, stored=True)
    try:
        text, published = article(data, entry.name, entry.is_html, options.encoding)
        _check_length(entry.name, text, options.max_chars)
    except InputError as e:
        return Item(entry.name, key, digest, error=e.reason)
    except Exception as e:  # noqa: BLE001 - whatever a parser raises is this file's error, not the batch's
        return Item(entry.name, key, digest, error=f"cannot read: {type(e).__name__}: {e}")
    return Item(entry.name, key, digest, text=text, published=published)


def _check_length(name: str, text: str, max_chars: int) -> None:
    if max_chars and len(text) > max_chars:
        raise InputError(name, f"document too long: {len(text):,} characters (limit {max_chars:,}, see --max-chars)")


def read_bytes(item: Input) -> bytes:
    if item.path is None:
        if sys.stdin is None:
            raise InputError(item.name, "stdin is closed")
        try:
            return sys.stdin.buffer.read()
        except (OSError, ValueError, AttributeError) as e:
            raise InputError(item.name, f"cannot read stdin: {_os_reason(e)}") from e
    try:
        return item.path.read_bytes()
    except PermissionError as e:
        raise InputError(item.name, "permission denied") from e
    except IsADirectoryError as e:
        raise InputError(item.name, "is a folder") from e
    except OSError as e:
        raise InputError(item.name, _os_reason(e)) from e


def _os_reason(e: BaseException) -> str:
    if isinstance(e, OSError) and e.errno:
        return "no such file or folder" if e.errno == errno.ENOENT else os.strerror(e.errno).lower()
    return str(e).lower() or type(e).__name__


# ------------------------------------------------------------------ archives


def _archive(entry: Input, options: ReadOptions, known: Known | None) -> Iterator[Item]:
    """One item per record of a JSON Lines archive, streamed (memory does not grow with it)."""
    base = _key(entry.name)
    line_no = 0
    try:
        opener = gzip.open if entry.name.lower().endswith(".gz") else open
        with opener(entry.path, "rb") as stream:
            for line_no, line in enumerate(stream, 1):
                if line.strip():
                    yield _record(entry.name, base, line_no, line, options, known)
    except (OSError, EOFError, gzip.BadGzipFile) as e:
        where = f"line {line_no + 1}: " if line_no else ""
        yield Item(entry.name, base, error=f"{where}cannot read archive: {_os_reason(e)}")


def _record(name: str, base: str, line_no: int, line: bytes, options: ReadOptions, known: Known | None) -> Item:
    digest = content_hash(line)
    source = f"{name}#{line_no}"
    try:
        record = json.loads(line)
    except ValueError as e:
        return Item(source, f"{base}#{line_no}", digest, error=f"line {line_no}: not a JSON record ({e})")
    if not isinstance(record, dict):
        return Item(source, f"{base}#{line_no}", digest, error=f"line {line_no}: not a JSON object")
    rid = record.get(options.id_field)
    if isinstance(rid, str | int) and not isinstance(rid, bool) and str(rid).strip():
        source = f"{name}#{_clean(str(rid)).strip()}"
    key = base + source[len(name) :]
    if known is not None and known(key, digest):
        return Item(source, key, digest, stored=True)
    text = record.get(options.text_field)
    if not isinstance(text, str):
        what = "no" if text is None else "a non-text"
        return Item(source, key, digest, error=f"line {line_no}: {what} {options.text_field!r} field")
    text = _clean(text)
    try:
        _check_length(source, text, options.max_chars)
    except InputError as e:
        return Item(source, key, digest, error=e.reason)
    published = None
    if options.date_field is not None:
        value = record.get(options.date_field)
        if isinstance(value, str) and value.strip():
            value = value.strip()
            published = value[:10] if _ISO_DATE.match(value) else _clean(value)
    return Item(source, key, digest, text=text, published=published)


# ------------------------------------------------------------------ decoding


def article(data: bytes, name: str, html: bool | None, encoding: str | None = None) -> tuple[str, str | None]:
    """(text, published) of one file; a web page (``html`` True, or None and it looks like one) reduced."""
    text = decode(data, name, encoding)
    if html or (html is None and looks_like_html(text)):
        return reduce_page(text, name)
    return text, None


def article_text(data: bytes, name: str, html: bool | None, encoding: str | None = None) -> str:
    """Decoded text of an input; a web page reduced to its article text."""
    return article(data, name, html, encoding)[0]


def is_binary(data: bytes) -> bool:
    head = data[:8192]
    return head.startswith(_BINARY_MAGIC) or b"\x00" in head


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """Decode article bytes: the given encoding, else by BOM, else UTF-8, else detect."""
    if encoding:
        try:
            return _clean(data.decode(encoding))
        except (UnicodeDecodeError, LookupError, ValueError) as e:
            raise InputError(name, f"cannot decode as {encoding}: {e}") from e
    if not data:
        return ""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _clean(data.decode(codec))
            except UnicodeDecodeError:
                break
    if is_binary(data):
        raise InputError(name, "not a text file")
    try:
        return _clean(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_FALLBACK_ENCODINGS).best()
    if best is None or not _plausible(str(best)):
        raise InputError(name, "cannot decode text (not UTF-8, cp1251 or koi8-r); try --encoding")
    return _clean(str(best))


def _clean(text: str) -> str:
    # Offsets are into this text, so normalise line ends once, here; a lone surrogate
    # (from --encoding unicode_escape or a JSON "\ud800") could never be written as UTF-8.
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return _SURROGATE.sub("\ufffd", text)


def _plausible(text: str) -> bool:
    # A wrong single-byte guess still "decodes"; real prose is mostly letters and spaces.
    sample = text[:20000]
    if not sample:
        return True
    good = sum(ch.isalnum() or ch.isspace() or ch in ".,:;!?«»\"'()-—–%$€₽№" for ch in sample)
    controls = sum(ord(ch) < 32 and ch not in "\n\t\r" for ch in sample)
    return good / len(sample) > 0.85 and controls == 0


def looks_like_html(text: str) -> bool:
    head = text[:1000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


def reduce_page(html: str, name: str = "page") -> tuple[str, str | None]:
    """(article text, publication date) of a saved web page; InputError when it has no article text."""
    import trafilatura

    tree = trafilatura.load_html(html) if html.strip() else None
    text, published, title = None, None, ""
    if tree is not None:
        # metadata first: extract() prunes the tree it is given
        meta = trafilatura.extract_metadata(tree)
        if meta is not None:
            title = (meta.title or "").strip()
            published = meta.date if meta.date and _ISO_DATE.fullmatch(meta.date) else None
        text = trafilatura.extract(
            _without_furniture(tree),
            include_comments=False,
            include_tables=False,
            include_links=False,
            include_images=False,
            favor_precision=True,
            with_metadata=False,
        )
    if not text or not text.strip():
        if html_depth(html) > MAX_HTML_DEPTH:
            raise InputError(name, f"page nested too deeply (over {MAX_HTML_DEPTH} levels)")
        raise InputError(name, "no article text found in page")
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return _clean(text), published


# Page furniture: trafilatura prunes it when it finds the article, but its fallback for a page
# with no article takes whatever text is left, so a menu alone would pass for an article.
_FURNITURE = "//nav | //aside | //menu | //footer[not(ancestor::article)] | //header[not(ancestor::article)]"


def _without_furniture(tree):
    for el in tree.xpath(_FURNITURE):
        parent = el.getparent()
        if parent is None:
            continue
        if el.tail:  # the text after the element belongs to its parent: keep it
            prev = el.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + el.tail
            else:
                parent.text = (parent.text or "") + el.tail
        parent.remove(el)
    return tree


def html_to_text(html: str) -> str:
    """The main text of a saved web page ("" when it has none), without menus and related links."""
    try:
        return reduce_page(html)[0]
    except InputError:
        return ""


_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def html_depth(html: str) -> int:
    """Deepest element nesting, by a linear scan of the tags (good enough to explain an empty page)."""
    depth = deepest = 0
    for m in _TAG.finditer(html):
        closing, tag, self_closing = m.group(1), m.group(2).lower(), m.group(3)
        if tag in _VOID or self_closing:
            continue
        if closing:
            depth = max(depth - 1, 0)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest
