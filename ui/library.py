"""The library on the page: which statements there are, a filter for them, and the form
that adds one (through ui/upload.py's own route)."""

from __future__ import annotations

from html import escape
from typing import Any

from starlette.middleware import Middleware

from corpus.formats import SUFFIXES
from qa.assistant import Assistant
from ui.upload import MAX_UPLOAD_BYTES, UPLOAD_PATH, StatementUpload

__all__ = [
    "UPLOAD_HTML",
    "document_choices",
    "library_html",
    "upload_middleware",
]

UPLOAD_HTML = f"""
<div class="rq-upload">
<h3>Add a statement</h3>
<p>A PDF, Word (.docx), web page, Markdown or text file of an outcome statement, up to
{MAX_UPLOAD_BYTES // 2**20} MB. It is copied into this server's library and indexed; answers
then cite it by name. Scanned PDFs without selectable text cannot be read.</p>
<input type="file" id="rq-upload-file" accept="{",".join(sorted(SUFFIXES))}">
<input type="text" id="rq-upload-title" maxlength="200" placeholder="Title (optional)">
<button type="button" id="rq-upload-button" data-path="{UPLOAD_PATH}">Add a statement</button>
<p id="rq-upload-status" role="status"></p>
</div>
"""


def document_choices(assistant: Assistant) -> list[tuple[str, str]]:
    """(label, id) of each document, for the document filter."""
    return [(f"{d.title} ({d.id})", d.id) for d in assistant.documents]


def library_html(assistant: Assistant) -> str:
    """The library as a table: id, title, date, format, passages."""
    rows = "".join(
        f"<tr><td><code>{escape(d.id)}</code></td><td>{escape(d.title)}</td>"
        f"<td>{escape(d.date or '–')}</td><td>{escape(d.format)}</td><td>{d.passages}</td></tr>"
        for d in assistant.documents
    )
    return (
        '<table class="rq-library"><thead><tr><th>id</th><th>title</th><th>date</th>'
        f"<th>format</th><th>passages</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def upload_middleware(assistant: Assistant, *, login: bool) -> Middleware | None:
    """The upload route for this assistant's library, or None when it has no library."""
    folder = assistant.library_dir
    if folder is None:
        return None

    def add(path: Any, name: str, title: str | None) -> dict[str, Any]:
        document, added = assistant.add_document(path, name=name, title=title)
        data = document.to_dict()
        data.pop("path")  # where the server keeps it is not the client's business
        return {"added": added, "document": data}

    return Middleware(StatementUpload, add=add, folder=folder, login=login)
