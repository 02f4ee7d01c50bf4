"""The fenced code blocks of docs/*.md and the marker line above each.

Markers (an HTML comment on the line right above the fence, invisible on the site):

* ``<!-- run: python [KEY ...] [session] -->`` - run as a script against a fresh project whose
  ``INFISICAL_*`` variables are set and which holds the secrets KEY...; with ``session``, the
  credentials come from an ``infisical-kit login`` session instead of the environment.
* ``<!-- run: pytest FILE -->`` - a file of a user's project; the page's files are written
  into an empty directory and pytest runs there.
* ``<!-- output: ID -->`` - real output, compared with what the scenario ID produces
  (tests/docs/test_troubleshooting.py).
* ``<!-- not-run: REASON -->`` - not runnable, and why.

A block that only includes an example file (``--8<-- "examples/docs/..."``) is run by
tests/docs/test_examples.py. A block without a language (or ``text``) is a diagram or text,
not code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
FENCE = re.compile(r"^```(\S*)\s*$")
MARKER = re.compile(r"^<!--\s*(run|output|not-run):\s*(.*?)\s*-->$")


@dataclass(frozen=True)
class Block:
    """One fenced block: where it is, its language, its text and its marker."""

    page: str
    line: int
    lang: str
    code: str
    kind: str | None  # "run", "output", "not-run" or None
    argument: str

    @property
    def where(self) -> str:
        """``page.md:line``, for messages and test ids."""
        return f"{self.page}:{self.line}"

    @property
    def includes_example(self) -> bool:
        """The block only includes an example file (run by tests/docs/test_examples.py)."""
        lines = self.code.strip().splitlines()
        return len(lines) == 1 and lines[0].startswith('--8<-- "examples/docs/')


def blocks(page: Path) -> list[Block]:
    """The fenced blocks of one page, in order."""
    lines = page.read_text(encoding="utf-8").splitlines()
    found: list[Block] = []
    index = 0
    while index < len(lines):
        fence = FENCE.match(lines[index])
        if fence is None:
            index += 1
            continue
        end = next(i for i in range(index + 1, len(lines)) if lines[i].startswith("```"))
        marker = MARKER.match(lines[index - 1]) if index else None
        found.append(
            Block(
                page=page.name,
                line=index + 1,
                lang=fence.group(1),
                code="\n".join(lines[index + 1 : end]) + "\n",
                kind=marker.group(1) if marker else None,
                argument=marker.group(2) if marker else "",
            )
        )
        index = end + 1
    return found


def all_blocks() -> list[Block]:
    """Every fenced block of every page in docs/."""
    return [block for page in sorted(DOCS.glob("*.md")) for block in blocks(page)]
