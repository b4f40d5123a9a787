"""One gazetteer names every actor, whatever spelling a user or the statement picks."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def gazetteer(statement):
    return statement.gazetteer


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        ("Vietnam", "Viet Nam"),
        ("Viet Nam", "Viet Nam"),
        ("Turkey", "Türkiye"),
        ("Türkiye", "Türkiye"),
        ("USA", "United States of America"),
        ("United States", "United States of America"),
        ("East Timor", "Timor-Leste"),
        ("Timor Leste", "Timor-Leste"),
        ("UN Refugee Agency", "UNHCR"),
        ("United Nations Refugee Agency", "UNHCR"),
    ],
)
def test_aliases_map_to_one_name(gazetteer, spelling, canonical):
    assert gazetteer.canonical(spelling) == canonical


def test_possessives_lower_case_and_upper_case_us_are_found(gazetteer):
    assert gazetteer.actors_in("what did fiji's delegation say") == ("Fiji",)
    assert gazetteer.actors_in("What did the US say?") == ("United States of America",)
    assert gazetteer.actors_in("tell us about it") == ()


def test_countries_the_statement_never_mentions_are_still_known(gazetteer):
    assert gazetteer.actors_in("What did Germany say?") == ("Germany",)
    assert "Germany" in gazetteer.countries
