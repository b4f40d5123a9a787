"""One gazetteer of who can speak in the statement, and of who cannot.

The statement's own names (glossary, participation list, working groups) and the
world's countries (pycountry) share one matcher, so a question about a country the
statement never mentions is recognised as such rather than as a typo.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import pycountry

__all__ = ["Gazetteer", "Mention", "fold"]

# Statement bodies that are not in its glossary, with the spellings the text uses.
STATEMENT_BODIES: dict[str, tuple[str, ...]] = {
    "Bali Process Working Group on Disruption of Criminal Networks": (
        "Bali Process Working Group on the Disruption of Criminal Networks Involved in "
        "People Smuggling and Trafficking in Persons",
        "Working Group on Disruption of Criminal Networks Involved in People Smuggling "
        "and Trafficking in Persons",
        "Working Group on the Disruption of Criminal Networks",
        "Working Group on Disruption of Criminal Networks",
        "Bali Process Disruption Working Group",
        "Disruption Working Group",
    ),
    "Bali Process Working Group on Trafficking in Persons": (
        "Bali Process Working Group on Trafficking in Persons",
        "Working Group on Trafficking in Persons",
        "Trafficking in Persons Working Group",
    ),
    "Technical Experts Group on Returns and Reintegration": (
        "Bali Process Technical Experts Group on Returns and Reintegration",
        "Technical Experts Group on Returns and Reintegration",
        "Technical Experts Group",
    ),
    "Bali Process Co-Chairs": ("Bali Process Co-Chairs", "Bali Process Senior Official Co-Chairs"),
    "RSO Border Forum": (
        "Fourth RSO Border Forum",
        "Fourth Border Forum",
        "RSO Border Forum",
        "Border Forum",
    ),
    "Pacific Island States": (
        "Pacific Island States",
        "Pacific Island countries",
        "Pacific Islands",
    ),
    "ILO": ("International Labour Organization", "International Labor Organization", "ILO"),
    "European Commission": ("European Commission",),
    "ASEANAPOL": ("ASEANAPOL",),
    "Embode": ("Embode",),
    "EU CRIMARIO": ("EU CRIMARIO", "CRIMARIO"),
    "Regional Operational Centre (Khartoum Process)": (
        "Regional Operational Centre in support of the Khartoum Process",
        "Regional Operational Centre",
    ),
    "The Remedy Project": ("Remedy Project",),
    "David Scott": ("David Scott",),
    "Fuad Adriansyah": ("Fuad Adriansyah",),
}

# Common names of glossary bodies that the glossary itself does not spell out.
GLOSSARY_ALIASES: dict[str, tuple[str, ...]] = {
    "UNHCR": (
        "UN Refugee Agency",
        "United Nations High Commissioner for Refugees",
        "UN refugee agency",
    ),
    "IOM": ("International Organisation for Migration", "UN Migration"),
    "UNODC": ("UN Office on Drugs and Crime",),
    "COMMIT Process": ("Coordinated Mekong Initiative Against Trafficking", "COMMIT"),
    "ASEAN-ACT": ("ASEAN-Australia Counter Trafficking Program", "ASEAN-ACT"),
    "FANC": ("FATF", "Financial Action Task Force"),
    "RSO": ("Regional Support Office",),
    "INTERPOL": ("Interpol",),
}

# Glossary entries that name documents or generic terms, not bodies that speak.
NOT_ACTORS: frozenset[str] = frozenset({"NGO", "GCM", "SPA-V"})

# Everyday names of countries that pycountry spells otherwise.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("USA", "United States", "United States of America"),
    "VN": ("Vietnam",),
    "TR": ("Turkey",),
    "TL": ("East Timor", "Timor Leste"),
    "GB": ("UK", "Britain", "Great Britain", "England", "Scotland", "Wales"),
    "KR": ("South Korea", "Korea"),
    "KP": ("North Korea",),
    "RU": ("Russia",),
    "NL": ("Holland",),
    "MM": ("Burma",),
    "LA": ("Lao PDR",),
    "CZ": ("Czech Republic",),
    "CI": ("Ivory Coast",),
    "CV": ("Cape Verde",),
    "SZ": ("Swaziland",),
    "MK": ("Macedonia",),
    "PS": ("Palestine",),
    "VA": ("Vatican",),
    "CD": ("DR Congo", "Democratic Republic of the Congo"),
}
# The statement's spelling, where it differs from pycountry's short name.
COUNTRY_CANONICAL: dict[str, str] = {
    "US": "United States of America",
    "VN": "Viet Nam",
    "LA": "Laos",
    "KR": "South Korea",
    "KP": "North Korea",
    "RU": "Russia",
    "IR": "Iran",
    "SY": "Syria",
    "TW": "Taiwan",
}
# Short upper-case aliases that are everyday words in lower case ("us").
CASE_SENSITIVE: dict[str, str] = {
    "US": "US",
    "U.S.": "US",
    "U.S.A.": "US",
    "UK": "GB",
    "PRC": "CN",
    "UAE": "AE",
}

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015"
_QUOTES = "\u2018\u2019\u02bc`"


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _DASHES:
        return " "
    if ch in _QUOTES:
        return "'"
    base = unicodedata.normalize("NFKD", ch)[:1] or ch
    low = base.lower()
    return low if len(low) == 1 else base


def fold(text: str) -> str:
    """Lower-case, strip accents, unify dashes and quotes; keeps every offset."""
    return "".join(_fold_char(ch) for ch in text)


@dataclass(frozen=True)
class Mention:
    """Where an actor is named in a text, and whether the text stresses it."""

    actor: str
    start: int
    end: int
    emphasised: bool


class Gazetteer:
    """Maps every known spelling of an actor to one canonical name."""

    def __init__(self, aliases: Mapping[str, Iterable[str]], *, countries: Iterable[str] = ()):
        self._canonical: dict[str, str] = {}
        self._acronyms: set[str] = set()
        for actor, spellings in aliases.items():
            for spelling in (actor, *spellings):
                self._canonical.setdefault(_key(spelling), actor)
                if spelling.isupper() and " " not in spelling:
                    self._acronyms.add(_key(spelling))
        if not self._canonical:
            raise ValueError("a gazetteer needs at least one actor")
        self.actors: frozenset[str] = frozenset(aliases)
        self.countries: frozenset[str] = frozenset(countries)
        keys = sorted(self._canonical, key=len, reverse=True)
        body = "|".join(r"\s+".join(map(re.escape, k.split())) for k in keys)
        # "United States dollars" names a currency, not an actor.
        self._pattern = re.compile(
            rf"(?<![a-z0-9])(?:{body})(?![a-z0-9])(?!\s+(?:dollars?|pounds?|euros?|yen)\b)"
        )
        self._case_pattern = re.compile(
            r"(?<![A-Za-z0-9.])(" + "|".join(map(re.escape, CASE_SENSITIVE)) + r")(?![A-Za-z0-9])"
        )

    @classmethod
    def for_statement(cls, glossary: Iterable[tuple[str, str]]) -> Gazetteer:
        """The statement's bodies (from its glossary and prose) plus every country."""
        aliases: dict[str, list[str]] = {}
        for acronym, expansion in glossary:
            if acronym in NOT_ACTORS:
                continue
            name = re.sub(r"^the\s+", "", expansion, flags=re.IGNORECASE)
            aliases.setdefault(acronym, []).extend([name, *GLOSSARY_ALIASES.get(acronym, ())])
        for body, body_spellings in STATEMENT_BODIES.items():
            aliases.setdefault(body, []).extend(body_spellings)
        countries = []
        for country in pycountry.countries:
            canonical = (
                COUNTRY_CANONICAL.get(country.alpha_2)
                or getattr(country, "common_name", None)
                or country.name
            )
            names: list[str | None] = [
                country.name,
                getattr(country, "official_name", None),
                getattr(country, "common_name", None),
                *COUNTRY_ALIASES.get(country.alpha_2, ()),
            ]
            spellings = [n for n in names if n and "," not in n]
            aliases.setdefault(canonical, []).extend(spellings)
            countries.append(canonical)
        return cls(aliases, countries=countries)

    def kind(self, actor: str) -> str:
        """ "country" or "organisation": the class "which countries / organisations" asks."""
        return "country" if actor in self.countries else "organisation"

    def canonical(self, name: str) -> str | None:
        """The canonical name for one spelling, or None when it is unknown."""
        return self._canonical.get(_key(name))

    def mentions(self, text: str) -> list[Mention]:
        """Every actor named in `text`, longest spelling first, in reading order."""
        folded = fold(text)
        found: list[Mention] = []
        for m in self._pattern.finditer(folded):
            raw = text[m.start() : m.end()]
            key = _key(raw)
            actor = self._canonical[key]
            shouted = raw.isupper() and key not in self._acronyms
            found.append(Mention(actor, m.start(), m.end(), shouted or _in_bold(text, m.start())))
        for m in self._case_pattern.finditer(text):
            if any(f.start <= m.start() < f.end for f in found):
                continue
            cased = self._canonical.get(_key(_country_name(CASE_SENSITIVE[m.group(1)])))
            if cased:
                found.append(Mention(cased, m.start(), m.end(), False))
        return sorted(found, key=lambda f: f.start)

    def actors_in(self, text: str) -> tuple[str, ...]:
        """Actors named in `text`, the speaker first.

        The speaker is the first actor the text stresses (capitals or bold, as the
        statement marks who speaks), else the first one named.
        """
        mentions = self.mentions(text)
        stressed = [m for m in mentions if m.emphasised]
        ordered = stressed[:1] + mentions
        return tuple(dict.fromkeys(m.actor for m in ordered))


def _key(spelling: str) -> str:
    return " ".join(fold(spelling).split())


def _in_bold(text: str, pos: int) -> bool:
    return text.count("**", 0, pos) % 2 == 1


def _country_name(alpha_2: str) -> str:
    known = COUNTRY_CANONICAL.get(alpha_2)
    if known:
        return known
    country = pycountry.countries.get(alpha_2=alpha_2)
    if country is None:
        raise KeyError(f"pycountry has no country {alpha_2!r}")
    return str(country.name)
