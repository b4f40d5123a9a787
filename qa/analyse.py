"""Question analysis: clean the text, find actors and acronyms, expand them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from corpus.actors import Gazetteer, fold
from corpus.errors import InvalidQuestionError
from qa.settings import MAX_QUESTION_CHARS

__all__ = ["Query", "QueryAnalyser", "clean_question"]

_CONTROL = {"Cc", "Cf", "Cs", "Co", "Cn"}
# Questions that ask what a name or acronym means.
_DEFINITION = re.compile(
    r"\b(what(?:'s| is| are| does)|stand(?:s)? for|mean(?:s|ing)?|defin\w*|acronym|abbreviat\w*|"
    r"full (?:form|name))\b",
    re.IGNORECASE,
)
_MEANING_WORDS = (
    "what is are does do stand stands for mean means meaning define definition acronym "
    "abbreviation full form name short the"
)


def clean_question(question: object) -> str:
    """The question as text the pipeline can use, or one sentence saying why not."""
    if not isinstance(question, str):
        raise InvalidQuestionError(f"The question must be text, not {type(question).__name__}.")
    if len(question) > MAX_QUESTION_CHARS:
        raise InvalidQuestionError(
            f"The question is {len(question):,} characters long; the limit is "
            f"{MAX_QUESTION_CHARS:,}. Shorten it to the question itself."
        )
    text = unicodedata.normalize("NFKC", question)
    text = "".join(
        " " if unicodedata.category(ch) in _CONTROL and ch not in "\n\t" else ch for ch in text
    )
    text = " ".join(text.split())
    if not text:
        raise InvalidQuestionError(
            "The question is empty. Type a question about the outcome statement."
        )
    return text


# Words that ask for what a list block holds: who attended, how to get in touch.
_ASKS_LIST = {
    "participation": re.compile(
        r"\b(attend\w*|participa\w*|represent\w*|present at|in attendance|took part|"
        r"take part|members? and observers?|observers?|thank\w*|gratitude)\b",
        re.IGNORECASE,
    ),
    "contact": re.compile(
        r"\b(address|phone|telephone|tel|fax|e-?mail|contact|website|web site|located|"
        r"office|linkedin|facebook|twitter|x\.com|reach)\b",
        re.IGNORECASE,
    ),
}


def _asks_meaning(text: str, acronyms: list[str]) -> bool:
    """ "What is RILON?", "what does SPA-V stand for": the question is the acronym.

    Once the acronym and the words that ask for a meaning are gone, at most one
    content word may remain ("What is the RSO Secondment Programme for?" keeps two,
    so it asks about the programme, not about the RSO).
    """
    if not _DEFINITION.search(text):
        return False
    from index.lexical import lexical_tokens

    ignore = set(lexical_tokens([" ".join(acronyms) + " " + _MEANING_WORDS])[0])
    rest = [t for t in lexical_tokens([text])[0] if t not in ignore]
    return len(rest) <= 1


@dataclass(frozen=True)
class Query:
    """An analysed question."""

    text: str
    search_text: str
    actors: tuple[str, ...]
    unknown_actors: tuple[str, ...]
    acronyms: tuple[str, ...]
    definition: bool = False
    lists: frozenset[str] = frozenset()

    @property
    def wanted_lists(self) -> frozenset[str]:
        """The list-like passage kinds this question asks for."""
        return self.lists | ({"glossary"} if self.definition else set())


class QueryAnalyser:
    """Knows the statement's actors and glossary; turns a question into a Query."""

    def __init__(self, gazetteer: Gazetteer, mentioned: frozenset[str], glossary: dict[str, str]):
        self.gazetteer = gazetteer
        self.mentioned = mentioned
        self.glossary = glossary
        self._by_expansion = {fold(v): k for k, v in glossary.items()}
        self._acronym = (
            re.compile(
                r"(?<![A-Za-z0-9])("
                + "|".join(sorted(map(re.escape, glossary), key=len, reverse=True))
                + r")(?![A-Za-z0-9])",
                re.IGNORECASE,
            )
            if glossary
            else None
        )

    def analyse(self, question: str, *, expand: bool = True) -> Query:
        text = clean_question(question)
        actors: list[str] = []
        unknown: list[str] = []
        for mention in self.gazetteer.mentions(text):
            target = actors if mention.actor in self.mentioned else unknown
            if mention.actor not in target:
                target.append(mention.actor)
        acronyms = self._acronyms(text)
        names: list[str] = []
        expansions: list[str] = []
        if expand:
            names = [a for a in actors if fold(a) not in fold(text)]
            expansions = [f"{a} {self.glossary[a]}" for a in acronyms]
        definition = bool(acronyms) and _asks_meaning(text, acronyms)
        # Actors are searched by their statement names; an acronym's expansion
        # only when its meaning is asked, else the glossary line wins every query
        # that names the acronym.
        search_text = " ".join([text, *names, *(expansions if definition else [])])
        lists = frozenset(kind for kind, pattern in _ASKS_LIST.items() if pattern.search(text))
        return Query(
            text, search_text, tuple(actors), tuple(unknown), tuple(acronyms), definition, lists
        )

    def _acronyms(self, text: str) -> list[str]:
        found: list[str] = []
        if self._acronym:
            for m in self._acronym.finditer(text):
                raw = m.group(1)
                # "it" or "ngo" in lower case are words; acronyms are written upper.
                key = next((k for k in self.glossary if k.lower() == raw.lower()), None)
                if key and (raw.isupper() or len(raw) >= 5) and key not in found:
                    found.append(key)
        folded = fold(text)
        for expansion, acronym in self._by_expansion.items():
            if expansion in folded and acronym not in found:
                found.append(acronym)
        return found
