"""What the page offers before a question: filter menus, the code tab, the session's brief."""

from __future__ import annotations

import io
import os
import time

import docx

from corpus.actors import fold
from corpus.passage import Passage
from qa.records import Answer, Citation
from ui.choices import actor_choices, kind_choices, people, theme_choices
from ui.downloads import BriefFiles
from ui.texts import HEADER, about_markdown


def statement_actors(statement) -> list[str]:
    return sorted({a for p in statement.passages for a in p.actors})


def test_actor_menu_is_alphabetical_by_the_name_shown_and_leaves_out_people(statement):
    choices = actor_choices(statement.passages, statement_actors(statement))
    shown = [label for label, _ in choices]
    assert shown == sorted(shown, key=lambda s: fold(s).casefold())
    values = {value for _, value in choices}
    assert people(statement.passages) == {"David Scott", "Fuad Adriansyah"}
    assert not values & {"David Scott", "Fuad Adriansyah"}
    assert values == set(statement_actors(statement)) - {"David Scott", "Fuad Adriansyah"}
    assert ("IOM (International Organization for Migration)", "IOM") in choices
    assert ("Türkiye", "Türkiye") in choices  # sorted as "Turkiye"
    unodc = "UNODC (United Nations Office on Drugs and Crime)"
    assert shown.index("Tonga") < shown.index("Türkiye") < shown.index(unodc)


def test_theme_and_kind_menus_name_themes_and_kinds_in_the_statements_order(statement):
    themes = theme_choices(statement.passages)
    assert [n for _, n in themes] == [1, 2, 3, 4]
    assert themes[1][0] == "Theme 2 · Meeting the challenge posed by transnational crime groups"
    assert ("Recommendation", "recommendation") in kind_choices()


def test_the_code_tab_shows_the_address_it_is_given_and_the_real_range_of_k():
    text = about_markdown("http://10.0.0.5:8123/", max_k=50, slider_max=10, mcp=True)
    assert 'Client("http://10.0.0.5:8123/")' in text
    assert "1 to 50" in text and "1 to 10" in text and "7860" not in text
    assert '"url": "http://10.0.0.5:8123/gradio_api/mcp/"' in text and "Authorization" not in text
    signed = about_markdown("http://h:1/", max_k=50, slider_max=10, mcp=True, auth=True)
    assert 'auth=("user", "password")' in signed and '"Authorization": "Basic' in signed
    assert "MCP" not in about_markdown("http://h:1/", max_k=50, slider_max=10, mcp=False)


def test_the_header_names_the_statement_and_its_dates_and_no_venue():
    assert "Fourth RSO Constructive Dialogue" in HEADER and "27–28 January 2026" in HEADER
    assert "Bangkok" not in HEADER


def fiji_answer() -> Answer:
    text = "Fiji and Tonga called for support."
    p = Passage("theme-2/recommendation/fiji", "recommendation", "S", 2, "S", ("Fiji",), text,
                0, len(text))
    return Answer("What did Fiji call for?", f"{text} [1]", False,
                  [Citation(1, p, 0.9, [(0, len(text))], "Doc - Theme 2: S - Recommendation")])


def test_a_sessions_brief_is_rewritten_in_its_own_folder_and_idle_ones_are_removed():
    files = BriefFiles("Doc", idle_seconds=60)
    try:
        word, markdown = files.write("abc123", [fiji_answer()])
        assert word.name == "rso-qa-brief.docx" and markdown.name == "rso-qa-brief.md"
        assert "1. What did Fiji call for?" in markdown.read_text()
        paragraphs = docx.Document(io.BytesIO(word.read_bytes())).paragraphs
        assert any("Doc - Theme 2: S - Recommendation" in p.text for p in paragraphs)
        old, _ = files.write("../../etc/old", [fiji_answer()])  # a hostile name stays inside
        assert old.parent.parent == files.root
        hour_ago = time.time() - 3600
        os.utime(old.parent, (hour_ago, hour_ago))
        files.write("abc123", [fiji_answer(), fiji_answer()])
        assert not old.parent.exists() and word.exists()
        assert "2. What did Fiji call for?" in markdown.read_text()
    finally:
        files.close()
    assert not files.root.exists()
