"""From ranked hits to a cited answer: cut the list, pick key sentences, or abstain."""

from __future__ import annotations

import re

from corpus.passage import Passage
from index.lexical import lexical_tokens
from index.store import IndexStore
from qa.analyse import Query
from qa.records import Citation
from qa.retrieve import LIST_KINDS, Hit, RetrievalConfig
from qa.sentences import KeySentence

__all__ = ["abstention_reason", "choose_citations", "compose_text", "key_sentences"]

_ATTENDANCE = re.compile(
    r"\b(attend\w*|participat\w*|represent\w*|delegations?|"
    r"there|take part|took part|members?|observers?|listed)\b"
)
# "how many X", "how much X": the answer is a quantity of X.
_QUANTITY = re.compile(
    r"\bhow (?:many|much)\b(?P<focus>(?:[\s-]+(?!(?:did|does|do|has|have|had|is|are|was|were|"
    r"will|would|can|could|should)\b)[\w'’]+){0,3})"
    # "what is the annual budget", "what was the total cost": an amount by name.
    r"|\bwhat (?:is|was|are|were)\b[^?]*?\b(?P<amount>budget|cost|costs|price|salary|fees?|"
    r"amount|total|percentage|rate|population|turnover|revenue|spending)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"\b(\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|"
    r"trillions?|dozens?|half|percent)\b",
    re.IGNORECASE,
)
# Specifics a question can name that the statement either has or has not: years,
# figures and ordinals ("the fifth dialogue").
_SPECIFIC = re.compile(
    r"\b(\d{2,}|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b",
    re.IGNORECASE,
)
_ANSWER_PASSAGES = 3


def choose_citations(
    hits: list[Hit], config: RetrievalConfig, store: IndexStore, *, k: int
) -> list[Hit]:
    """The hits worth citing: all that score near the best, at most k.

    With the adaptive cut the list ends where scores fall away. The bar is set by
    the best passage of prose: a glossary line or the address block that a
    question asks for ranks first, but should not push out the passages that use
    the term or say more.
    """
    if not hits:
        return []
    if not config.adaptive_cut:
        return hits[:k]
    prose = [h.score for h in hits if store.passages[h.passage].kind not in LIST_KINDS]
    best = prose[0] if prose else hits[0].score
    chosen = [h for h in hits[:k] if h.score >= best - config.cut_margin]
    return chosen or hits[:1]


def abstention_reason(
    query: Query, hits: list[Hit], store: IndexStore, config: RetrievalConfig
) -> str | None:
    """One sentence saying why the statement cannot answer, or None when it can."""
    if not config.abstain:
        return None
    if query.unknown_actors and not query.actors:
        names = _join(query.unknown_actors)
        verb = "is" if len(query.unknown_actors) == 1 else "are"
        return f"{names} {verb} not mentioned in the outcome statement."
    if query.actors and not _ATTENDANCE.search(query.text.lower()):
        silent = [a for a in query.actors if not _speaks(a, store)]
        if silent:
            names = _join(silent)
            return (
                f"{names} {'is' if len(silent) == 1 else 'are'} only listed among the "
                "participants; the statement records nothing said by "
                f"{'it' if len(silent) == 1 else 'them'}."
            )
    if not hits:
        return "The statement does not contain anything that answers this question."
    vocabulary = store.lexical.retriever.vocab_dict
    specifics = [m.group(0) for m in _SPECIFIC.finditer(query.text)]
    unseen = [
        word
        for word, tokens in zip(specifics, lexical_tokens(specifics), strict=True)
        if tokens and tokens[0] not in vocabulary
    ]
    if unseen:
        return f"The outcome statement does not mention “{unseen[0]}”."
    quantity = _QUANTITY.search(query.text)
    focus = (quantity.group("focus") or quantity.group("amount") or "") if quantity else ""
    # The figure must come from a passage about the actor asked about, if any.
    about = [
        h
        for h in hits
        if not query.actors or set(query.actors) & set(store.passages[h.passage].actors)
    ]
    if quantity and not _states_quantity(focus, about[:3], store):
        return "The statement gives no figure that answers this question."
    top = hits[0]
    relevance = top.dense + (0.1 if top.lexical > 0 else 0.0) + (0.1 if top.speaker else 0.0)
    # The threshold is calibrated on cosine similarity; without the model there is
    # no such score, and a lexical match is all there is to go on.
    if config.dense and relevance < config.min_relevance:
        return "The statement does not appear to answer this question."
    return None


def _states_quantity(focus: str, hits: list[Hit], store: IndexStore) -> bool:
    """Whether a sentence of the top passages gives a number for what is counted."""
    wanted = set(lexical_tokens([focus])[0])
    for hit in hits:
        passage = store.passages[hit.passage]
        for uid in store.sentence_units.get(hit.passage, []):
            unit = store.units[uid]
            sentence = passage.text[unit.start : unit.end]
            if _NUMBER.search(sentence) and (
                not wanted or wanted & set(lexical_tokens([sentence])[0])
            ):
                return True
    return False


def _speaks(actor: str, store: IndexStore) -> bool:
    return any(
        actor in p.actors and p.kind not in {"participation", "glossary"} for p in store.passages
    )


def _join(names: tuple[str, ...] | list[str]) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def key_sentences(
    ranked: list[KeySentence], passage: Passage, *, most: int = 2, margin: float = 0.06
) -> list[KeySentence]:
    """The best sentences of a passage, best first; a glossary entry is one whole."""
    if passage.kind == "glossary" or not ranked:
        return [KeySentence(0, len(passage.text), ranked[0].score if ranked else 0.0)]
    best = ranked[0].score
    return _merge([k for k in ranked[:most] if k.score >= best - margin])


def _merge(keys: list[KeySentence]) -> list[KeySentence]:
    # Word windows of one long sentence overlap; keep them as one highlight.
    out: list[KeySentence] = []
    for key in keys:
        twin = next((o for o in out if key.start <= o.end and o.start <= key.end), None)
        if twin is None:
            out.append(key)
        else:
            out[out.index(twin)] = KeySentence(
                min(twin.start, key.start), max(twin.end, key.end), max(twin.score, key.score)
            )
    return out


def compose_text(citations: list[Citation], keys: list[list[KeySentence]]) -> str:
    """The answer: key sentences of the first citations, verbatim, each with its [n].

    The first citation may give two sentences, the next ones one each.
    """
    parts: list[str] = []
    for i, (citation, best) in enumerate(zip(citations[:_ANSWER_PASSAGES], keys, strict=False)):
        text = citation.passage.text
        chosen = sorted(best[: 2 if i == 0 else 1], key=lambda k: k.start)
        for key in chosen:
            if citation.passage.kind == "glossary":  # "RILON — Regional Information ..."
                sentence = " — ".join(line.strip() for line in text.split("\n", 1))
            else:
                sentence = " ".join(text[key.start : key.end].split())
            parts.append(f"{sentence} [{citation.n}]")
    return " ".join(parts)
