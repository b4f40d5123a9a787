"""Markup removal shared by the parser, the tests and the eval span checks."""

from __future__ import annotations

import re

__all__ = ["clean_markup", "collapse_whitespace"]

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)", re.DOTALL)
_PARAGRAPH_BREAK = re.compile(r"</p>\s*<p>", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def clean_markup(raw: str) -> str:
    """Turn a slice of the source file into the passage text users read.

    HTML tags and markdown emphasis go, links keep their words, table cells
    (tabs) and paragraphs become lines, and runs of spaces fold to one.
    """
    text = _LINK.sub(r"\1", raw)
    text = _PARAGRAPH_BREAK.sub("\n", text)
    text = _TAG.sub("", text).replace("**", "").replace("\t", "\n")
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def collapse_whitespace(text: str) -> str:
    """Fold every whitespace run to one space: the form spans are matched in."""
    return " ".join(text.split())
