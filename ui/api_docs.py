"""The API's OpenAPI description and the page at `/api/docs` that shows it.

The page is plain HTML made from the OpenAPI document on the server, with no script
and nothing fetched from elsewhere, so it works offline and cannot drift from the
routes. `/api/openapi.json` serves the document itself for tools.
"""

from __future__ import annotations

import html
import json
from dataclasses import fields
from typing import Any

from corpus.passage import KINDS, Passage
from qa.assistant import MAX_FILTER_VALUES, MAX_K
from qa.settings import MAX_QUESTION_CHARS

__all__ = ["ASK_REQUEST", "ANSWER", "docs_html", "openapi_extras"]

_FILTER = f"Optional; a list (or one value), at most {MAX_FILTER_VALUES} distinct values."
ASK_REQUEST: dict[str, Any] = {
    "type": "object",
    "required": ["question"],
    "additionalProperties": False,
    "properties": {
        "question": {
            "type": "string",
            "maxLength": MAX_QUESTION_CHARS,
            "description": f"The question, at most {MAX_QUESTION_CHARS:,} characters.",
        },
        "k": {
            "type": "integer",
            "minimum": 1,
            "maximum": MAX_K,
            "default": 5,
            "description": "The most passages to cite.",
        },
        "themes": {
            "type": "array",
            "items": {"type": "integer", "enum": [1, 2, 3, 4]},
            "description": f"Only passages under these themes. {_FILTER}",
        },
        "kinds": {
            "type": "array",
            "items": {"type": "string", "enum": list(KINDS)},
            "description": f"Only passages of these kinds. {_FILTER}",
        },
        "actors": {
            "type": "array",
            "items": {"type": "string"},
            "description": "Only passages attributed to these countries or organisations, "
            f"as the statement names them (e.g. Fiji). {_FILTER}",
        },
        "documents": {
            "type": "array",
            "items": {"type": "string"},
            "description": f"Only passages of these documents. {_FILTER}",
        },
    },
}


def _json_type(annotation: Any) -> dict[str, Any]:
    """A JSON schema type for a Passage field's annotation (written as a string)."""
    text = str(annotation)
    nullable = "None" in text
    if text.startswith("tuple") or text.startswith("list"):
        schema: dict[str, Any] = {"type": "array", "items": {"type": "string"}}
    elif text.startswith("dict"):
        schema = {"type": "object", "additionalProperties": {"type": "string"}}
    elif text.startswith("int"):
        schema = {"type": "integer"}
    else:
        schema = {"type": "string"}
    if nullable:
        schema["type"] = [schema["type"], "null"]
    return schema


PASSAGE: dict[str, Any] = {
    "type": "object",
    "description": "A passage of the statement; start and end are character offsets of its "
    "source in the statement file.",
    "properties": {f.name: _json_type(f.type) for f in fields(Passage)},
}
CITATION: dict[str, Any] = {
    "type": "object",
    "properties": {
        "n": {"type": "integer", "description": "The [n] marker in the answer text."},
        "score": {"type": "number"},
        "highlights": {
            "type": "array",
            "description": "[start, end] character offsets of the "
            "quoted sentences in the passage text.",
            "items": {"type": "array", "items": {"type": "integer"}},
        },
        "passage": PASSAGE,
        "label": {
            "type": "string",
            "description": "The reference to paste into a brief: document, section, kind, "
            "who or which paragraph.",
        },
    },
}
ANSWER: dict[str, Any] = {
    "type": "object",
    "description": "Answer.to_dict(): the answer text with [n] markers and its sources.",
    "properties": {
        "question": {"type": "string"},
        "text": {"type": "string"},
        "abstained": {
            "type": "boolean",
            "description": "True when the statement does not answer; text says why.",
        },
        "reason": {"type": ["string", "null"]},
        "code": {
            "type": ["string", "null"],
            "description": "Why it abstained, as a code: not-mentioned, only-listed, "
            "outside-scope, detail-mismatch, no-figure or weak-evidence; null for an answer.",
        },
        "citations": {"type": "array", "items": CITATION},
        "related": {
            "type": "array",
            "items": CITATION,
            "description": "The closest passages when it abstains; not an answer.",
        },
        "timings": {"type": "object", "additionalProperties": {"type": "number"}},
    },
}
_DETAIL = {
    "application/json": {
        "schema": {
            "type": "object",
            "properties": {
                "detail": {
                    "type": "string",
                    "description": "One sentence: what is wrong, what to do.",
                }
            },
        }
    }
}


def _refusals(*codes: int) -> dict[int | str, dict[str, Any]]:
    said = {
        401: "A login is required (the server runs with --auth): HTTP Basic or the page's "
        "sign-in cookie.",
        413: "The body is over 32 kB.",
        415: "The body is not sent as application/json.",
        422: "Bad input: the detail says what, in one sentence.",
        429: "Too many failed sign-ins from this client; wait Retry-After seconds.",
        503: "Too many questions at once; retry after Retry-After seconds.",
    }
    return {code: {"description": said[code], "content": _DETAIL} for code in codes}


def openapi_extras(route: str) -> dict[str, Any]:
    """Summary, description and schemas of a route, as keyword arguments for its decorator."""
    if route == "ask":
        return {
            "summary": "Answer a question with cited passages",
            "description": "The answer in the statement's own words, each sentence with a "
            "numbered citation of the exact passage; or an abstention with the "
            "reason and the closest passages. Same checks and limits as the "
            "chat and Gradio's /ask.",
            "openapi_extra": {
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": ASK_REQUEST,
                            "example": {
                                "question": "What did Fiji call for?",
                                "k": 5,
                                "themes": [4],
                                "kinds": ["recommendation"],
                                "actors": ["Fiji"],
                            },
                        }
                    },
                }
            },
            "responses": {
                200: {
                    "description": "The answer.",
                    "content": {"application/json": {"schema": ANSWER}},
                },
                **_refusals(401, 413, 415, 422, 429, 503),
            },
        }
    return {
        "summary": "Is the server up, and how is it batching",
        "description": "Model, encoder (onnx or sentence-transformers), index, requests in "
        "progress, and the micro-batcher's queue depth and batch sizes.",
        "responses": {
            200: {
                "description": "Up.",
                "content": {"application/json": {"schema": {"type": "object"}}},
            },
            **_refusals(401, 429),
        },
    }


_STYLE = """body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
code,pre{font:13px ui-monospace,monospace;background:#f4f4f5}pre{padding:.8rem;overflow:auto}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:.3rem .5rem;
text-align:left;vertical-align:top}h2{border-top:2px solid #222;padding-top:1rem}
h2 code{font-size:1.1rem}"""


def docs_html(spec: dict[str, Any], *, base: str) -> str:
    """The reference page: every operation, its body fields, its answers, and examples."""
    e = html.escape
    info = spec.get("info", {})
    parts = [
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>"
        f"{e(info.get('title', 'API'))} API</title><style>{_STYLE}</style></head><body>",
        f"<h1>{e(info.get('title', 'API'))} HTTP API</h1><p>{e(info.get('summary', ''))}</p>",
        f"<p>The machine-readable description: <a href='{e(base)}/openapi.json'>"
        f"{e(base)}/openapi.json</a> (OpenAPI {e(spec.get('openapi', ''))}).</p>",
    ]
    for path, operations in spec.get("paths", {}).items():
        for method, op in operations.items():
            parts.append(
                f"<h2><code>{e(method.upper())} {e(base + path)}</code></h2>"
                f"<p><b>{e(op.get('summary', ''))}</b>. {e(op.get('description', ''))}</p>"
            )
            body = op.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                parts.append(_fields_table(body["schema"]))
                parts.append(_examples(base + path, body.get("example", {})))
            rows = "".join(
                f"<tr><td>{e(str(code))}</td><td>{e(r.get('description', ''))}</td></tr>"
                for code, r in op.get("responses", {}).items()
            )
            parts.append(
                f"<h3>Responses</h3><table><tr><th>status</th><th>meaning</th></tr>{rows}</table>"
            )
    parts.append("</body></html>")
    return "".join(parts)


def _fields_table(schema: dict[str, Any]) -> str:
    e = html.escape
    required = set(schema.get("required", []))
    rows = []
    for name, prop in schema.get("properties", {}).items():
        kind = prop.get("type", "")
        if kind == "array":
            kind = f"list of {prop.get('items', {}).get('type', '')}"
        rows.append(
            f"<tr><td><code>{e(name)}</code>{' (required)' if name in required else ''}"
            f"</td><td>{e(str(kind))}</td><td>{e(prop.get('description', ''))}</td></tr>"
        )
    return (
        "<h3>Body (JSON)</h3><table><tr><th>field</th><th>type</th><th>meaning</th></tr>"
        + "".join(rows)
        + "</table>"
    )


def _examples(url: str, example: dict[str, Any]) -> str:
    body = json.dumps(example)
    curl = (
        f"curl -s http://127.0.0.1:7860{url} -H 'Content-Type: application/json' \\\n"
        f"     -d '{body}'        # add -u user:password when the server has --auth"
    )
    python = (
        "import httpx\n\n"
        f'answer = httpx.post("http://127.0.0.1:7860{url}", json={body},\n'
        '                    timeout=60).json()   # auth=("user", "password") if set\n'
        'print(answer["text"])\n'
        'for c in answer["citations"]:\n'
        '    print(c["n"], c["passage"]["id"], c["highlights"])'
    )
    return f"<h3>Examples</h3><pre>{html.escape(curl)}</pre><pre>{html.escape(python)}</pre>"
