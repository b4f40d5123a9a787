"""Readers, one per format, each turning a file's bytes into a `Layout`.

The format is told by the file's first bytes (a PDF, a zip for Word, an old Office
container), then by its name; a file that is none of ours is refused in one sentence
naming it, before anything else is done with it.
"""

from __future__ import annotations

from pathlib import Path

from corpus.errors import DocumentError
from corpus.formats.layout import Block, Layout, LayoutWriter

__all__ = ["FORMATS", "SUFFIXES", "Block", "Layout", "LayoutWriter", "detect_format", "read_layout"]

# Format name -> the file name endings it is saved under.
FORMATS: dict[str, tuple[str, ...]] = {
    "pdf": (".pdf",),
    "docx": (".docx",),
    "html": (".html", ".htm", ".xhtml"),
    "markdown": (".md", ".markdown"),
    "text": (".txt", ".text"),
}
SUFFIXES = frozenset(s for suffixes in FORMATS.values() for s in suffixes)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc, and Office files with a password
_WHAT = "a PDF, a Word file (.docx), a web page (.html), Markdown (.md) or text (.txt)"


def detect_format(data: bytes, path: Path | str) -> str:
    """The format of a file from its first bytes and its name, or a DocumentError."""
    path = Path(path)
    suffix = path.suffix.lower()
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not data.strip():
        raise DocumentError(f"{path} is empty; pass the statement file itself")
    if data.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(_OLE):
        raise DocumentError(
            f"{path} is password-protected or an old Word .doc file, which rso-qa cannot "
            "read; open it in Word and save it as .docx without a password"
        )
    if data.startswith(b"PK\x03\x04"):
        if suffix in ("", ".docx", ".zip") or b"word/" in data[:4096]:
            return "docx"
        raise DocumentError(f"{path} is a zip archive, not {_WHAT}; pass the statement itself")
    if suffix in FORMATS["pdf"]:
        raise DocumentError(f"{path} is not a valid PDF (it may be damaged or truncated); "
                            "download it again")
    if suffix in FORMATS["docx"]:
        raise DocumentError(f"{path} is not a valid Word file (it may be damaged or "
                            "truncated); open it in Word and save it again")
    textual = suffix in (*FORMATS["html"], *FORMATS["markdown"], *FORMATS["text"])
    if b"\0" in data[:4096] and not textual:  # named as text, it is told "not UTF-8" below
        raise DocumentError(f"{path} is a binary file, not {_WHAT}; rso-qa cannot read it")
    lowered = head[:200].lower()
    if suffix in FORMATS["html"] or lowered.startswith((b"<!doctype html", b"<html")):
        return "html"
    if suffix in FORMATS["markdown"]:
        return "markdown"
    if suffix in FORMATS["text"] or suffix == "":
        return "text"
    raise DocumentError(
        f"{path} has the ending {suffix!r}; rso-qa reads {_WHAT}"
    )


def read_layout(data: bytes, path: Path | str, fmt: str | None = None) -> Layout:
    """The layout of a file's bytes in its format (told from the bytes when not given)."""
    fmt = fmt or detect_format(data, path)
    if fmt == "pdf":
        from corpus.formats.pdf import read_pdf

        return read_pdf(data, Path(path))
    if fmt == "docx":
        from corpus.formats.docx import read_docx

        return read_docx(data, Path(path))
    text = _decode(data, Path(path))
    if fmt == "html":
        from corpus.formats.html import read_html

        return read_html(text)
    if fmt == "markdown":
        from corpus.formats.html import read_markdown

        return read_markdown(text)
    from corpus.formats.text import read_text

    return read_text(text)


def _decode(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"{path} is not UTF-8 text (byte {data[exc.start]:#04x} at {exc.start}); save it "
            "as UTF-8 and retry"
        ) from None
