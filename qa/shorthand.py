"""Everyday shorthand in questions ("ppl", "govt", "MoUs") read as the words it stands for.

People type quick questions into a chat box with the shorthand of notes and email; the
statement writes those words in full ("memoranda of understanding", "people"). Read
literally, a shorthand is a word the statement never uses, and the refusal rules would
decline "which countries has Bangladesh signed MoUs with?". A shorthand the statement
itself writes ("NGO") is left as it is: there it is the statement's own word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["SHORTHAND", "Shorthand"]

# Shorthand of notes, chat and official email, and the words it stands for.
SHORTHAND: dict[str, str] = {
    "ppl": "people",
    "govt": "government",
    "govts": "governments",
    "gov": "government",
    "govs": "governments",
    "org": "organisation",
    "orgs": "organisations",
    "intl": "international",
    "int'l": "international",
    "info": "information",
    "tech": "technology",
    "dept": "department",
    "depts": "departments",
    "approx": "approximately",
    "reps": "representatives",
    "stats": "statistics",
    "mgmt": "management",
    "mou": "memorandum of understanding",
    "mous": "memoranda of understanding",
    "moa": "memorandum of agreement",
    "ngo": "non-governmental organisation",
    "ngos": "non-governmental organisations",
    "cso": "civil society organisation",
    "csos": "civil society organisations",
    "yr": "year",
    "yrs": "years",
    "abt": "about",
    "b/c": "because",
    "w/": "with",
    "re:": "about",
    # Months as dates are typed ("in Dec 2025"); "Mar" and "May" are words of their own.
    "jan": "January",
    "feb": "February",
    "apr": "April",
    "jun": "June",
    "jul": "July",
    "aug": "August",
    "sep": "September",
    "sept": "September",
    "oct": "October",
    "nov": "November",
    "dec": "December",
}


class Shorthand:
    """The shorthand a statement does not write itself, ready to expand in questions."""

    def __init__(self, statement_words: Iterable[str], table: dict[str, str] | None = None):
        written = {w.lower() for w in statement_words}
        self._table = {k: v for k, v in (table or SHORTHAND).items() if k not in written}
        alternatives = "|".join(sorted(map(re.escape, self._table), key=len, reverse=True))
        # A whole word: not inside a longer one, nor the "org" of "org-chart".
        self._pattern = (
            re.compile(rf"(?<![\w'’/.@-])(?:{alternatives})(?![\w'’@-]|\.\w)", re.IGNORECASE)
            if self._table
            else None
        )

    def expand(self, text: str) -> str:
        """`text` with each shorthand the statement does not write spelt out."""
        if self._pattern is None:
            return text
        return self._pattern.sub(lambda m: self._table[m.group(0).lower()], text)
