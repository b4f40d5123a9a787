"""The words on the page: header, empty-chat placeholder, the API help and the examples.

Static, trusted HTML and Markdown written here; nothing from users or the corpus.
"""

from __future__ import annotations

__all__ = ["EXAMPLES", "HEADER", "PLACEHOLDER", "about_markdown"]

# One question per type of the eval set, so a first-time user sees what works.
EXAMPLES: tuple[tuple[str, str], ...] = (
    ("actor", "What did Fiji call for?"),
    ("definition", "What is RILON?"),
    (
        "fact",
        "How many member states, member organisations and observers make up the Bali Process?",
    ),
    ("multi", "Which countries repatriated people from scam centres?"),
    ("theme", "What was the theme of the 2026 constructive dialogue?"),
    ("unanswerable", "What did Germany say?"),
)
HEADER = """
<div id="rq-header">
<h1>Ask the Outcome Statement</h1>
<p>Outcome Statement of the Fourth RSO Constructive Dialogue · Regional Support Office of the
Bali Process · 27–28 January 2026</p>
<p class="rq-pledge">Answers quote the statement word for word. Every sentence carries a
numbered source: open it to see the whole passage with the quoted words highlighted, copy
its citation, or jump to its place in the statement. Download the conversation as a cited
brief.</p>
</div>
"""
PLACEHOLDER = """
<div class="rq-placeholder">
<h2>What would you like to know about the statement?</h2>
<p>Ask about a country or organisation, a theme, a recommendation or an acronym.
If the statement does not say, the assistant tells you so and shows the closest passages,
marked as not an answer.</p>
</div>
"""


def about_markdown(
    address: str, *, max_k: int, slider_max: int, mcp: bool, auth: bool = False
) -> str:
    """The "Use from code" tab for a server reached at `address` (ends with "/")."""
    login = ', auth=("user", "password"))  # this server asks for a login' if auth else ")"
    parts = [
        f"""
### Use it from code

The same answers are available as JSON at the `/ask` endpoint of this server,
`{address}`:

```python
from gradio_client import Client

client = Client("{address}"{login}
answer = client.predict(
    question="What did Fiji call for?",
    k=5,                       # at most this many passages are cited: 1 to {max_k}
    themes=[4], kinds=["recommendation"], actors=["Fiji"],  # optional filters
    api_name="/ask",
)
answer["text"], [c["label"] for c in answer["citations"]]
```

`k` takes 1 to {max_k} here (the chat's slider offers 1 to {slider_max}). The reply is
`Answer.to_dict()`: `text` with `[n]` markers, `abstained`, `reason` and its `code`
(`not-mentioned`, `only-listed`, `outside-scope`, `detail-mismatch`, `no-figure`,
`weak-evidence`), `citations` (each
with `n`, `label` (the reference to cite), `score`, `highlights` as character offsets into
the passage text, and the `passage` with its id, its document (`doc`), theme, kind,
actors and its `start`/`end` offsets in the statement's text), `related` (closest passages
when the assistant abstains) and `timings`. A bad question (empty, over 2,000 characters,
an unknown filter) is refused with one sentence saying why.
"""
    ]
    if mcp:
        header = (
            ',\n      "headers": {"Authorization": "Basic <base64 of user:password>"}'
            if auth
            else ""
        )
        parts.append(
            f"""
### Use it from an AI assistant (MCP)

This server is also an MCP server with one tool, `ask(question, k)`, which returns the
same answer as JSON text. Add it to an MCP client that speaks streamable HTTP:

```json
{{
  "mcpServers": {{
    "rso-qa": {{
      "url": "{address}gradio_api/mcp/"{header}
    }}
  }}
}}
```
"""
        )
    parts.append(
        """
### What it is

Answers come only from the *Outcome Statement of the Fourth RSO Constructive
Dialogue*; nothing leaves this machine. Retrieval combines a small local embedding
model with keyword search, and the answer is made of the statement's own sentences.
"""
    )
    return "".join(parts)
