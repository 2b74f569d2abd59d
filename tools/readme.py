"""Keep the command outputs shown in README.md equal to what the commands print.

A README block that shows a command's output is written between two markers:

    <!-- readme-output: newsfacts samples/twitter-gpus.txt -->
    ```
    $ newsfacts samples/twitter-gpus.txt
    ...output...
    ```
    <!-- /readme-output -->

The command after ``readme-output:`` is run by bash in the repository root
(``newsfacts`` stands for this checkout's ``python -m newsfacts``; stdout and
stderr both shown, no colours, 80 columns, no trailing spaces), and the block between the markers
is its output. Other README sections are left alone.

    python -m tools.readme           # rewrite README.md in place
    python -m tools.readme --check   # exit 1 and show a diff when it is out of date

tests/test_readme.py runs the check (``pytest --regen`` rewrites instead).
"""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"

BLOCK = re.compile(
    r"(?P<open><!-- readme-output: (?P<command>.+?) -->\n)(?P<body>.*?)(?P<close><!-- /readme-output -->)",
    re.S,
)
# `newsfacts` at the start of a command or after a pipe: run this checkout's code
_PROGRAM = re.compile(r"(^|\|\s*)newsfacts\b")


def run(command: str) -> str:
    """What `command` prints, as the README shows it."""
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "CLICOLOR_FORCE")}
    env.update(NO_COLOR="1", COLUMNS="80", LINES="24", PYTHONIOENCODING="utf-8")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    python = f'"{sys.executable}" -m newsfacts'
    shell = _PROGRAM.sub(lambda m: m.group(1) + python, command)
    done = subprocess.run(
        ["bash", "-c", shell + " 2>&1"], cwd=ROOT, env=env, capture_output=True, text=True,
        encoding="utf-8", timeout=600, stdin=subprocess.DEVNULL,
    )
    # rich pads table rows with spaces; editors strip trailing spaces, so the README has none
    return "".join(line.rstrip() + "\n" for line in done.stdout.splitlines())


def block(command: str) -> str:
    return f"```\n$ {command}\n{run(command)}```\n"


def render(readme: str) -> str:
    """The README with every marked block regenerated."""
    return BLOCK.sub(lambda m: m["open"] + block(m["command"]) + m["close"], readme)


def commands(readme: str) -> list[str]:
    return [m["command"] for m in BLOCK.finditer(readme)]


def diff(old: str, new: str) -> str:
    lines = difflib.unified_diff(old.splitlines(True), new.splitlines(True), "README.md", "README.md (regenerated)")
    return "".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    old = README.read_text(encoding="utf-8")
    new = render(old)
    if "--check" in argv:
        if new != old:
            sys.stdout.write(diff(old, new))
            print("README.md is out of date: run `python -m tools.readme`", file=sys.stderr)
            return 1
        return 0
    if new != old:
        README.write_text(new, encoding="utf-8")
        print(f"README.md: {len(commands(old))} blocks regenerated", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
