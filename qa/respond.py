"""One question through the pipeline: analyse, embed once, retrieve or read the
structure, check the evidence, then cite and write, or decline with a reason.

`Responder` holds what is derived from one index (analyser, sentence scorer, voices,
evidence check); `Assistant` owns it and rebuilds it when the index changes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from corpus.actors import Gazetteer
from index.store import IndexStore
from qa.analyse import Query, QueryAnalyser
from qa.answer import Quote, choose_citations, compose_text, key_sentences, supported
from qa.config import RetrievalConfig
from qa.documents import prefer, preferred_documents
from qa.evidence import Assessment, Evidence
from qa.intents import Intent
from qa.records import Answer, Citation, Filters
from qa.retrieve import ActorRoles, Hit, answering_hits, retrieve
from qa.sentences import KeySentence, SentenceScorer
from qa.structure import Count, Part, count_list, part_of
from qa.voices import Voices

__all__ = ["Responder"]

Encode = Callable[[list[str]], np.ndarray]


class Responder:
    """Everything one index needs to answer: built once per index, cheap per question."""

    def __init__(self, store: IndexStore, *, labels: dict[str, str] | None = None):
        self.store = store
        self.labels = labels or {}
        glossary = {
            p.title: p.text.split("\n", 1)[-1]
            for p in store.passages
            if p.kind == "glossary" and p.title
        }
        self.gazetteer = Gazetteer.for_statement(glossary.items())
        mentioned = frozenset(a for p in store.passages for a in p.actors)
        themes = {
            p.theme: p.title or "" for p in store.passages if p.kind == "key-insight" and p.theme
        }
        self.analyser = QueryAnalyser(
            self.gazetteer,
            mentioned,
            glossary,
            themes=themes,
            texts=[p.text for p in store.passages],
        )
        self.sentences = SentenceScorer(store)
        self.voices = Voices(store.passages, self.gazetteer)
        self.roles = ActorRoles(store, self.voices)
        self.evidence = Evidence(store, self.voices, self.sentences.idf)
        self.actors: tuple[str, ...] = tuple(sorted(mentioned))
        # Dense candidates are drawn before filters apply: a deeper draw for a larger
        # library keeps as many per statement as one statement alone gets.
        self.many = len(store.documents) > 1
        self.depth = 256 * max(1, len(store.documents))

    def respond(
        self,
        query: Query,
        encode: Encode | None,
        config: RetrievalConfig,
        *,
        k: int,
        filters: Filters | None,
        started: float,
    ) -> Answer:
        """The answer to an analysed question; `encode` is None when no model is used."""
        t1 = time.perf_counter()
        terms, vector = self._embed(query, encode, config)
        t2 = time.perf_counter()
        query, part, hits, count = self._find(query, vector, config, filters)
        t3 = time.perf_counter()
        assessment = self._assess(query, config, terms, part, hits, count)
        if assessment.finding:
            answer = self._decline(query, hits, assessment, terms, vector, config)
        elif part is not None:
            answer = self._summary(query, part, vector, hits)
        elif count is not None:
            answer = self._count(query, count, terms, vector)
        else:
            answer = self._cite(query, hits, terms, vector, config, k)
        t4 = time.perf_counter()
        answer.timings.update(
            {
                "analyse_ms": (t1 - started) * 1e3,
                "embed_ms": (t2 - t1) * 1e3,
                "retrieve_ms": (t3 - t2) * 1e3,
                "compose_ms": (t4 - t3) * 1e3,
                "total_ms": (t4 - started) * 1e3,
            }
        )
        return answer

    def assess(
        self,
        query: Query,
        encode: Encode | None,
        config: RetrievalConfig,
        *,
        filters: Filters | None = None,
    ) -> Assessment:
        """The evidence check alone: what `respond` would decide, and on which signals
        (used to fit the decision on the dev questions)."""
        terms, vector = self._embed(query, encode, config)
        query, part, hits, count = self._find(query, vector, config, filters)
        return self._assess(query, config, terms, part, hits, count)

    # -- the stages ----------------------------------------------------------------------
    def _embed(
        self, query: Query, encode: Encode | None, config: RetrievalConfig
    ) -> tuple[dict[str, float], np.ndarray | None]:
        """The question's salient terms and its vector: one forward pass of the model."""
        terms = self.sentences.query_terms(query)
        if encode is None:
            return terms, None
        return terms, encode([query.search_text])[0]

    def _find(
        self,
        query: Query,
        vector: np.ndarray | None,
        config: RetrievalConfig,
        filters: Filters | None,
    ) -> tuple[Query, Part | None, list[Hit], Count | None]:
        """The question (a theme asked for by its subject resolved to its number), the
        part of the statement asked for, the ranked hits, and a count over a list."""
        restricted = bool(filters and filters.documents)
        named = (
            frozenset(filters.documents)
            if filters and restricted
            else preferred_documents(query.text, self.store.documents)
        )
        # A structural question reads one statement: the one asked for, else the first.
        scope = named or frozenset(d.id for d in self.store.documents[:1])
        hits = retrieve(
            query,
            vector,
            self.store,
            config,
            filters=filters,
            voices=self.voices,
            roles=self.roles,
            depth=self.depth,
        )
        query = _theme_of(query, hits, self.store)
        part = part_of(
            query, self.store, config, scope=scope if self.many else frozenset(), hits=hits
        )
        if not restricted:
            hits = prefer(hits, named, self.store.passages)
        count = None
        if part is None and not self.evidence.states_figure(query, hits, config):
            count = count_list(query, hits, self.store, self.gazetteer, config)
        if part is None and _counts_themes(query, config):
            part = part_of(_as_summary(query), self.store, config)
        return query, part, hits, count

    def _assess(self, query, config, terms, part, hits, count) -> Assessment:
        return self.evidence.assess(
            query, hits, config, terms=list(terms), structural=part is not None or count is not None
        )

    # -- the four ways out -------------------------------------------------------------
    def _decline(self, query, hits, assessment: Assessment, terms, vector, config) -> Answer:
        finding = assessment.finding
        assert finding is not None
        related = [
            self._citation(i + 1, h, self._keys(h, terms, vector, config))
            for i, h in enumerate(hits[: config.related])
        ]
        return Answer(
            query.text, finding.reason, True, [], related, finding.reason, code=finding.code
        )

    def _cite(self, query, hits, terms, vector, config, k) -> Answer:
        candidates = answering_hits(query, hits, config)
        if not config.adaptive_cut:  # a fixed k cites k passages: the speaker's first
            candidates += [h for h in hits if h not in candidates]
        # What an acronym stands for, asked (alone or with more): its glossary line
        # stays with the passage that introduces it.
        keep = frozenset(
            i
            for i, p in enumerate(self.store.passages)
            if (query.definition or query.spelled)
            and p.kind == "glossary"
            and p.title in query.acronyms
        )
        chosen = choose_citations(candidates, config, self.store, k=k, keep=keep)
        figure = self.evidence.figure_hit(query, candidates, config, near=True)
        if figure is not None and chosen and figure != chosen[0]:
            # "How many members does the Bali Process have?": the passage that gives the
            # number answers; passages about the members that count nothing follow it.
            chosen = [figure, *(h for h in chosen if h != figure)][:k]
        if (
            "contact" in query.lists
            and not query.multi_part
            and chosen
            and self._kind(chosen[0]) == "contact"
        ):
            chosen = chosen[:1]  # an address, a phone number: only the contact block gives it
        quotes = [
            Quote(h, self._keys(h, terms, vector, config), self._label(h.passage)) for h in chosen
        ]
        wanted = query.intent.actor_class if query.intent and query.intent.kind == "which" else None
        if wanted in ("country", "organisation"):
            # "Which countries ...": a passage led by an organisation that names no
            # country does not answer (nor the other way round).
            kept = [q for q in quotes if self._offers(q, wanted)]
            quotes = kept or quotes
            # The passages that name such actors first: the answer is who they are; of
            # who took part in something named, the passage about it that names the most
            # of them (who attended the dialogue itself: its attendance list, as ranked).
            if query.taken_part_in:  # (read only when participants are asked)
                quotes.sort(key=lambda q: (not self._tells_of(q, query), -self._named(q, wanted)))
            else:
                quotes.sort(key=lambda q: not self._named(q, wanted))
        cited, rest = supported(quotes, config)
        # The glossary line of an acronym whose letters are asked is cited wherever it
        # ranks: it gives the letters exactly, however little else it shares.
        cited += [q for q in rest if q.hit.passage in keep]
        rest = [q for q in rest if q.hit.passage not in keep]
        # A card highlights exactly what the text quotes from it.
        cited = [
            replace(q, keys=q.keys[: config.key_sentences if i == 0 else 1])
            for i, q in enumerate(cited)
        ]
        citations = [self._citation(i + 1, q.hit, q.keys) for i, q in enumerate(cited)]
        related = [self._citation(len(cited) + i + 1, q.hit, q.keys) for i, q in enumerate(rest)]
        # One line per actor when the answer gives several actors' words and the
        # question does not ask about one actor only.
        by_actor = wanted is not None or len(query.actors) != 1
        text = compose_text(
            citations,
            [q.keys for q in cited],
            labels=[q.label for q in cited] if by_actor else [],
            first=config.key_sentences,
        )
        return Answer(query.text, text, False, citations, related)

    def _summary(self, query: Query, part: Part, vector, hits: Sequence[Hit]) -> Answer:
        scores = {h.passage: h for h in hits}
        citations = []
        for n, (i, keys) in enumerate(zip(part.passages, part.keys, strict=True), 1):
            hit = scores.get(i) or Hit(i, 0.0, 0.0, 0.0, False, False)
            citations.append(self._citation(n, hit, list(keys)))
        # One passage quoted whole (a key insight) gives every sentence it was given.
        first = len(part.keys[0]) if len(part.passages) == 1 else 2
        text = compose_text(citations, [list(k) for k in part.keys], first=max(first, 2))
        if part.labelled:
            # One line per actor ("Fiji: ... [3]."), an unattributed row a line of its own.
            labels = [self._label(i) for i in part.passages]
            text = compose_text(citations, [list(k) for k in part.keys], labels=labels, first=1)
        elif part.one_per_line:
            text = "\n".join(
                compose_text([c], [list(k)]) for c, k in zip(citations, part.keys, strict=True)
            )
            if query.intent and query.intent.kind == "count":
                text = f"The statement has {len(citations)} themes (counted from it):\n{text}"
        return Answer(query.text, text, False, citations)

    def _count(self, query: Query, count: Count, terms, vector) -> Answer:
        citation = self._citation(1, count.hit, [count.key])
        names = ", ".join(count.names)
        text = (
            f"Counted from the cited list, {len(count.names)} {count.noun} are named [1]: {names}."
        )
        return Answer(query.text, text, False, [citation])

    # -- helpers ---------------------------------------------------------------------------
    def _keys(self, hit: Hit, terms, vector, config: RetrievalConfig) -> list[KeySentence]:
        passage = self.store.passages[hit.passage]
        ranked = self.sentences.rank(hit.passage, terms, vector, config)
        return key_sentences(ranked, passage, most=config.key_sentences, margin=config.key_margin)

    def _citation(self, n: int, hit: Hit, keys: Sequence[KeySentence]) -> Citation:
        """A citation whose highlights are its key sentences (in reading order)."""
        highlights = sorted((k.start, k.end) for k in keys)
        passage = self.store.passages[hit.passage]
        return Citation(n, passage, hit.score, highlights, self.labels.get(passage.id, ""))

    def _kind(self, hit: Hit) -> str:
        return self.store.passages[hit.passage].kind

    def _label(self, passage: int) -> str | None:
        voices = self.voices.of(passage)
        return voices[0] if voices else None

    def _named(self, quote: Quote, wanted: str) -> int:
        """How many actors of the class asked for a quote's passage names."""
        actors = self.store.passages[quote.hit.passage].actors
        return sum(self.gazetteer.kind(a) == wanted for a in actors)

    def _tells_of(self, quote: Quote, query: Query) -> bool:
        """Whether a quote's passage has every word of what the question asks who took
        part in (the attendance list does not tell who sat at the Tour de Table)."""
        return self.evidence.tokens[quote.hit.passage].issuperset(query.taken_part_in)

    def _offers(self, quote: Quote, wanted: str) -> bool:
        """Whether a quote can answer "which <class> ...": unattributed, led by an actor of
        that class, or naming one."""
        return quote.label is None or self._named(quote, wanted) > 0


def _theme_of(query: Query, hits: Sequence[Hit], store) -> Query:
    """A theme asked for by what it is about ("the scams theme") is the theme of the
    best passage that belongs to one."""
    intent = query.intent
    if intent is None or intent.kind != "theme" or intent.theme is not None:
        return query
    themes = (store.passages[h.passage].theme for h in hits)
    theme = next((t for t in themes if t), None)
    return replace(query, intent=replace(intent, theme=theme))


def _counts_themes(query: Query, config: RetrievalConfig) -> bool:
    intent = query.intent
    return bool(
        config.structure
        and intent
        and intent.kind == "count"
        and intent.noun in ("themes", "key insights", "insights")
    )


def _as_summary(query: Query) -> Query:
    return replace(query, intent=Intent("themes", summary=True))
