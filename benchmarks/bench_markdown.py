"""Writing a benchmark's figures into BENCHMARKS.md: one section per script."""

from __future__ import annotations

from pathlib import Path
from typing import List

BENCHMARKS = Path(__file__).resolve().parent.parent / "BENCHMARKS.md"


def replace_section(lines: List[str]) -> None:
    """Replace the section that starts with `lines[0]` (a `## ` heading) up to the next
    `## ` heading by `lines`, or append it when the file has no such section."""
    section = "\n".join(lines) + "\n"
    text = BENCHMARKS.read_text(encoding="utf-8")
    start = text.find(lines[0])
    if start >= 0:
        end = text.find("\n## ", start + 1)
        text = text[:start] + section + ("\n" + text[end + 1:] if end >= 0 else "")
    else:
        text = text.rstrip() + "\n\n" + section
    BENCHMARKS.write_text(text, encoding="utf-8")
