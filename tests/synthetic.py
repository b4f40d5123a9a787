"""A small hand-made statement for the fast tier: passages, hand-made vectors, a real
FAISS index and a real BM25 index, no model.

Each passage owns one axis of a 24-dimensional space; its window and its sentences
point along that axis. `encode` stands in for the model with hand-made vectors: a
text points at the passages whose keywords it uses, so a test can say which
passages a question is near.
"""

from __future__ import annotations

import numpy as np

from corpus.passage import Passage
from corpus.sentences import split_sentences
from index.lexical import LexicalIndex
from index.store import IndexStore, Manifest, lexical_text
from index.vectors import make_vector_index
from index.windows import Unit

DIM = 24
THEME_1 = "Sharing information: building trust across borders"
THEME_2 = "Countering scams: coordinated responses to criminal networks"
PASSAGES: tuple[tuple[str, str, str, int | None, tuple[str, ...], str], ...] = (
    # id, kind, section, theme, actors, text
    ("overview/title", "overview", "Title", None, (), "OUTCOME STATEMENT: FOURTH DIALOGUE"),
    (
        "foreword/1",
        "foreword",
        "Foreword",
        None,
        (),
        "This year's theme of 'Safe Seas: Shared Answers' invited reflection on maritime "
        "cooperation between governments.",
    ),
    (
        "overview/1",
        "overview",
        "Safe Seas: Shared Answers",
        None,
        (),
        "The dialogue was structured through plenary sessions and panel discussions on "
        "maritime cooperation.",
    ),
    (
        "key-insight/1",
        "key-insight",
        "Key insights",
        1,
        (),
        f"{THEME_1}\nDelegates said that timely information sharing builds trust.",
    ),
    (
        "key-insight/2",
        "key-insight",
        "Key insights",
        2,
        (),
        f"{THEME_2}\nDelegates said criminal networks adapt quickly to enforcement.",
    ),
    (
        "theme-1/narrative/1",
        "narrative",
        THEME_1,
        1,
        (),
        "Information sharing remains a cornerstone of regional cooperation. Delegates "
        "discussed trusted exchange and their commitment to it.",
    ),
    (
        "theme-1/spotlight/fiji",
        "spotlight",
        THEME_1,
        1,
        ("Fiji", "Tonga"),
        "FIJI called for climate readiness in migration planning. Fiji and Tonga called "
        "for joint training with regional partners.",
    ),
    (
        "theme-1/recommendation/fiji",
        "recommendation",
        THEME_1,
        1,
        ("Fiji",),
        "Fiji highlighted climate pressures on migration in 2026.\nFiji called for members "
        "to plan for climate change.",
    ),
    (
        "theme-2/narrative/1",
        "narrative",
        THEME_2,
        2,
        ("RILON",),
        "The Regional Information Liaison and Outreach Network (RILON) links liaison "
        "officers who share alerts on scam networks.",
    ),
    (
        "theme-2/spotlight/thailand",
        "spotlight",
        THEME_2,
        2,
        ("Thailand", "Myanmar"),
        "THAILAND assisted in the repatriation of over 11,000 people from scam centres in "
        "Myawaddy, Myanmar. Thailand called it the largest return effort in the region.",
    ),
    (
        "theme-2/spotlight/commit-process",
        "spotlight",
        THEME_2,
        2,
        ("COMMIT Process", "Cambodia", "Laos", "Myanmar", "Thailand"),
        "The COMMIT Process highlighted priorities among Member States (Cambodia, Laos, "
        "Myanmar and Thailand) for 2025.",
    ),
    (
        "participation/1",
        "participation",
        "Participation And Support",
        None,
        ("Australia", "Fiji", "Tonga", "Thailand", "Canada"),
        "The Fourth Dialogue was attended by Australia, Fiji, Tonga, Thailand and Canada.",
    ),
    (
        "glossary/rilon",
        "glossary",
        "Glossary",
        None,
        ("RILON",),
        "RILON\nRegional Information Liaison and Outreach Network",
    ),
    (
        "glossary/commit-process",
        "glossary",
        "Glossary",
        None,
        ("COMMIT Process",),
        "COMMIT Process\nCoordinated Mekong Ministerial Initiative against Trafficking",
    ),
    (
        "foreword/signatory-ana-lima",
        "foreword",
        "Foreword",
        None,
        (),
        "Ana Lima\nRSO Co-Manager",
    ),
    (
        "looking-ahead/1",
        "looking-ahead",
        "Looking Ahead",
        None,
        (),
        "The RSO plans to establish a Common Pathways Forum with regional partners. The "
        "RSO will convene a border workshop in 2027.",
    ),
    (
        "foreword/2",
        "foreword",
        "Foreword",
        None,
        ("RSO",),
        "A roundtable of regional dialogues was a first step, which the RSO plans to take forward.",
    ),
    (
        "overview/2",
        "overview",
        "Safe Seas: Shared Answers",
        None,
        ("IOM", "UNHCR", "COMMIT Process"),
        "A roundtable brought together the IOM, the UNHCR and the COMMIT Process alongside "
        "the Co-Chairs.",
    ),
    (
        "foreword/3",
        "foreword",
        "Foreword",
        None,
        (),
        "Delegates reaffirmed the objectives of the Harbour Strategy for Cooperation and "
        "their partnerships. The Coral Plan of Action, a ten-year framework, sets out "
        "priorities for 2025 to 2035.",
    ),
    (
        "theme-2/spotlight/tonga",
        "spotlight",
        THEME_2,
        2,
        ("Tonga", "ASEAN"),
        "TONGA provided an update on its ascension to ASEAN in October 2025. Better "
        "screening led to its first trafficking prosecution in a decade.",
    ),
    (
        "theme-2/spotlight/indonesia",
        "spotlight",
        THEME_2,
        2,
        ("Indonesia",),
        "INDONESIA established an anti scam centre, which has received 432,000 complaints "
        "with total losses of around 9.1 trillion Rupiah. The centre is headquartered in "
        "Jakarta. Its cases have led to convictions of scam bosses.",
    ),
)
# Words that make `encode` point a text at a passage.
KEYWORDS: dict[str, tuple[str, ...]] = {
    "foreword/1": ("theme", "reflection"),
    "overview/1": ("structured", "plenary", "panel"),
    "key-insight/1": ("trust", "sharing"),
    "key-insight/2": ("criminal", "networks"),
    "theme-1/narrative/1": ("information", "cornerstone"),
    "theme-1/spotlight/fiji": ("fiji", "training", "climate"),
    "theme-1/recommendation/fiji": ("fiji", "climate", "call"),
    "theme-2/spotlight/thailand": ("thailand", "repatriation", "repatriate", "scam"),
    "theme-2/spotlight/commit-process": ("commit", "priorities", "member"),
    "participation/1": ("attended", "attend"),
    "glossary/rilon": ("rilon",),
    "theme-2/narrative/1": ("liaison", "rilon"),
    "looking-ahead/1": ("pathways", "forum", "workshop"),
    "theme-2/spotlight/indonesia": ("indonesia", "losses", "lost", "complaints", "money"),
    "theme-2/spotlight/tonga": ("tonga", "asean", "prosecution", "verdict", "conviction"),
    "foreword/3": ("harbour", "coral", "strategy", "plan", "objectives"),
    "foreword/2": ("roundtable",),
    "overview/2": ("roundtable",),
}


def passages() -> tuple[Passage, ...]:
    out = []
    pos = 0
    for pid, kind, section, theme, actors, text in PASSAGES:
        title = text.split("\n")[0] if kind == "key-insight" else None
        if kind == "glossary":
            title = text.split("\n")[0]
        out.append(
            Passage(
                id=pid,
                kind=kind,
                section=section,
                theme=theme,
                theme_title=section if theme and kind != "key-insight" else title,
                actors=actors,
                text=text,
                start=pos,
                end=pos + len(text),
                title=title,
            )
        )
        pos += len(text) + 2
    return tuple(out)


def store() -> IndexStore:
    """The toy statement as a real IndexStore (FAISS exact search, bm25s)."""
    ps = passages()
    units: list[Unit] = []
    vectors = []
    for i, p in enumerate(ps):
        axis = np.zeros(DIM, dtype=np.float32)
        axis[i] = 1.0
        units.append(Unit(i, "window", 0, len(p.text)))
        vectors.append(axis)
        for s, e in split_sentences(p.text):
            units.append(Unit(i, "sentence", s, e))
            vectors.append(axis)
    manifest = Manifest(
        corpus_sha256="0" * 64,
        source="toy",
        model="toy",
        dimension=DIM,
        chunker_version="toy",
        package_version="0",
        token_encoding="none",
        index_type="flat",
        passages=len(ps),
        units=len(units),
        built_at="2026-01-01T00:00:00Z",
    )
    lexical = LexicalIndex.fit([lexical_text(p) for p in ps])
    return IndexStore(ps, units, make_vector_index(np.stack(vectors)), lexical, manifest)


def encode(texts: list[str]) -> np.ndarray:
    """Hand-made question vectors: a text points at the passages whose keywords it uses,
    with cosine 0.8 split among them; the rest of its length is off every axis."""
    ids = [p[0] for p in PASSAGES]
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    for row, text in enumerate(texts):
        words = set(text.lower().replace("?", " ").replace("'s", " ").split())
        near = [ids.index(pid) for pid, keys in KEYWORDS.items() if words & set(keys)]
        for i in near:
            out[row, i] = 0.8 / np.sqrt(len(near))
        out[row, DIM - 1] = 0.6 if near else 1.0
    return out


def hits(responder, question: str):
    """The ranked hits for `question` on the hand-made statement (the default config)."""
    from qa.config import RetrievalConfig
    from qa.retrieve import retrieve

    query = responder.analyser.analyse(question)
    vector = encode([query.search_text])[0]
    return retrieve(query, vector, responder.store, RetrievalConfig(), voices=responder.voices)


def rule(responder, rule_id: str, question: str) -> str | None:
    """What one refusal rule says of `question` on the hand-made statement (None: passes)."""
    from qa.config import RetrievalConfig
    from qa.evidence import RULES

    check = next(r for r in RULES if r.id == rule_id)
    query = responder.analyser.analyse(question)
    return check.check(responder.evidence, query, hits(responder, question), RetrievalConfig())


def answer(responder, question: str):
    """The whole answer to `question` on the hand-made statement (the default config)."""
    from qa.config import RetrievalConfig

    query = responder.analyser.analyse(question)
    return responder.respond(query, encode, RetrievalConfig(), k=5, filters=None, started=0.0)
