"""Turn command-line inputs into article texts.

Expands folders (recursively, by suffix) and ``-`` (stdin), decodes bytes
(UTF-8 with or without BOM, else a detected Cyrillic encoding), rejects binary
files, and reduces saved web pages to their main text.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .const import STDIN_NAME
from .errors import InputError

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")

# Magic numbers of formats people save next to articles by mistake.
_BINARY_MAGIC = (
    b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"BZh",
    b"\x7fELF", b"RIFF", b"\x00\x00\x01\x00", b"ID3", b"OggS", b"\xd0\xcf\x11\xe0",
)
# Encodings a Russian text outside UTF-8 is realistically saved in.
_FALLBACK_ENCODINGS = ["cp1251", "koi8_r", "cp866", "mac_cyrillic", "iso8859_5", "utf_16", "utf_32"]


@dataclass(frozen=True, slots=True)
class Input:
    """One article to read: a file path, or stdin when ``path`` is None."""

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


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    text: str
    data: bytes = b""


def expand_inputs(inputs: Iterable[str]) -> Iterator[Input | InputError]:
    """Yield the articles named by INPUT arguments, in a stable order.

    Problems with one argument (missing path, folder with no articles) are
    yielded as InputError so that a batch can report them and go on.
    """
    for arg in inputs:
        if arg == "-":
            yield Input(STDIN_NAME)
            continue
        path = Path(arg)
        if path.is_dir():
            found = False
            for file in _walk(path):
                found = True
                yield file if isinstance(file, InputError) else Input(str(file), file)
            if not found:
                yield InputError(arg, f"no article files ({', '.join(ARTICLE_SUFFIXES)}) in this folder")
        elif path.exists():
            yield Input(arg, path)
        else:
            yield InputError(arg, "no such file or folder")


def _walk(folder: Path) -> Iterator[Path | InputError]:
    # Depth-first in name order at every level, so output is sorted by path; streamed,
    # so a huge archive starts at once. Symlinked folders are not followed (no cycles).
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as e:
        yield InputError(str(folder), (e.strerror or str(e)).lower())
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path))
        elif entry.name.lower().endswith(ARTICLE_SUFFIXES) and entry.is_file():
            yield Path(entry.path)


def read_bytes(item: Input) -> bytes:
    if item.path is None:
        return sys.stdin.buffer.read()
    try:
        return item.path.read_bytes()
    except PermissionError as e:
        raise InputError(item.name, "permission denied") from e
    except IsADirectoryError as e:
        raise InputError(item.name, "is a folder") from e
    except OSError as e:
        reason = os.strerror(e.errno) if e.errno else str(e)
        if e.errno == errno.ENOENT:
            reason = "no such file or folder"
        raise InputError(item.name, reason.lower()) from e


def read_input(item: Input, encoding: str | None = None) -> Source:
    """Read and decode one input; HTML is reduced to its article text."""
    data = read_bytes(item)
    return Source(item.name, article_text(data, item.name, item.is_html, encoding), data)


def article_text(data: bytes, name: str, html: bool | None, encoding: str | None = None) -> str:
    """Decoded text of an input; a web page (``html`` True, or None and it looks like one) reduced."""
    text = decode(data, name, encoding)
    if html or (html is None and looks_like_html(text)):
        text = html_to_text(text)
    return text


def is_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 BOM: text
        return False
    return head.startswith(_BINARY_MAGIC) or b"\x00" in head


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """Decode article bytes: the given encoding, else UTF-8 (BOM optional), else detect."""
    if encoding:
        try:
            return _clean(data.decode(encoding))
        except (UnicodeDecodeError, LookupError) as e:
            raise InputError(name, f"cannot decode as {encoding}: {e}") from e
    if not data:
        return ""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _clean(data.decode("utf-16"))
        except UnicodeDecodeError:
            pass
    if is_binary(data):
        raise InputError(name, "not a text file")
    try:
        return _clean(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_FALLBACK_ENCODINGS).best()
    if best is None or not _plausible(str(best)):
        raise InputError(name, "cannot decode text (not UTF-8, cp1251 or koi8-r); try --encoding")
    return _clean(str(best))


def _clean(text: str) -> str:
    # Offsets are into this text, so normalise line ends once, here.
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


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


def html_to_text(html: str) -> str:
    """The main text of a saved web page, without navigation, footers and related links."""
    import trafilatura

    text = trafilatura.extract(
        html,
        include_comments=False,
        include_tables=False,
        include_links=False,
        include_images=False,
        favor_precision=True,
        with_metadata=False,
    )
    if text is None:
        return ""
    title = _html_title(html)
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return text


def _html_title(html: str) -> str:
    import trafilatura

    meta = trafilatura.extract_metadata(html)
    return (meta.title or "").strip() if meta is not None else ""
