"""Statements (text, PDF, Word, HTML, Markdown) as typed, citable passages."""

from corpus.actors import Gazetteer, Mention, fold
from corpus.document import Document
from corpus.markup import clean_markup, collapse_whitespace
from corpus.passage import KINDS, Passage
from corpus.statement import CHUNKER_VERSION, DEFAULT_SOURCE, Statement, load_statement, slugify

__all__ = [
    "CHUNKER_VERSION",
    "DEFAULT_SOURCE",
    "KINDS",
    "Document",
    "Gazetteer",
    "Mention",
    "Passage",
    "Statement",
    "clean_markup",
    "collapse_whitespace",
    "fold",
    "load_statement",
    "slugify",
]
