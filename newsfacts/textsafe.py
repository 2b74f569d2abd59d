"""Text from articles and file names, made safe to print on a terminal.

An article (or a file name) can carry escape sequences that clear the screen,
set the window title or hide text, and bidi controls that reorder what is
shown. Every human-facing output (table, highlight, the corpus view, error
lines on stderr) passes text through :func:`printable`, which shows such
characters as visible escapes (``\\x1b``, ``\\u202e``) instead of sending them.
"""

from __future__ import annotations

import re

# C0 controls, DEL, C1 controls, and the bidi embedding/override/isolate controls.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_KEEP_LINES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str, keep_lines: bool = False) -> str:
    """``text`` with control characters shown as escapes; ``keep_lines`` keeps newlines and tabs.

    >>> printable("ok\\x1b[2Jgone")
    'ok\\\\x1b[2Jgone'
    """
    return (_UNSAFE_KEEP_LINES if keep_lines else _UNSAFE).sub(_escape, text)
