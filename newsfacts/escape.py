"""Text from inputs made safe for one line on a terminal: control characters shown escaped.

A file name or an article can hold a newline (which would split a one-line error in two) or an
escape sequence (which would clear the screen or set the window title). Such characters are
written as Python-style escapes (``\\n``, ``\\x1b``, ``\\u202e``), so what the user sees is what
is there, and the terminal never receives them raw.
"""

from __future__ import annotations

import unicodedata

# Cc: C0/C1 controls (ESC, CSI, newline, BEL); Cf: invisible format characters, including the
# bidirectional overrides that reorder what is shown; Cs: lone surrogates (undecodable file
# names); Zl/Zp: line and paragraph separators.
_UNSAFE = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """``text`` with every control or invisible format character written as an escape."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if unicodedata.category(ch) in _UNSAFE:
            code = ord(ch)
            if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 in a file name
                out.append(f"\\x{code - 0xDC00:02x}")
            else:
                out.append(_SHORT.get(ch) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"))
        else:
            out.append(ch)
    return "".join(out)
