"""End to end: `rso-qa serve` in a subprocess, driven by Debian's Chromium through Playwright.

Run with `pytest -m browser`; `make browser` installs Chromium with apt (never a download).
A screenshot of the Fiji answer is saved under artifacts/ for the test report.
"""

from __future__ import annotations

from pathlib import Path

import psutil
import pytest

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
FIJI_ROWS = {"theme-2/recommendation/fiji", "theme-4/recommendation/fiji"}
ANSWER_TIMEOUT = 60_000  # milliseconds


@pytest.fixture(scope="module")
def served(serve_process):
    """`rso-qa serve` on a free port for this module's tests (see conftest)."""
    with serve_process() as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser, served):
    _, port = served
    context = browser.new_context(viewport={"width": 1360, "height": 1180})
    page = context.new_page()
    page.set_default_timeout(ANSWER_TIMEOUT)
    page.goto(f"http://127.0.0.1:{port}/")
    page.wait_for_selector("#rq-question textarea")
    yield page
    context.close()


def ask(page, question: str) -> None:
    """Type a question, press Ask, and wait until its answer is on the page."""
    before = page.locator(".rq-answer").count()
    page.fill("#rq-question textarea", question)
    page.click("#rq-ask")
    page.wait_for_function("n => document.querySelectorAll('.rq-answer').length > n", arg=before)


def test_server_listens_on_loopback_only(served):
    proc, port = served
    addresses = {
        c.laddr.ip
        for c in psutil.Process(proc.pid).net_connections(kind="inet")
        if c.status == psutil.CONN_LISTEN and c.laddr.port == port
    }
    assert addresses == {"127.0.0.1"}


def test_fiji_question_cites_both_recommendation_rows_and_highlights_the_passage(page):
    ask(page, "What did Fiji call for?")
    answer = page.locator(".rq-answer").last
    ids = [i.strip() for i in answer.locator("details.rq-card code.rq-id").all_text_contents()]
    assert FIJI_ROWS <= set(ids), ids

    card = answer.locator("details.rq-card").nth(ids.index("theme-4/recommendation/fiji"))
    card.locator("> summary").click()
    mark = card.locator("mark").first
    mark.wait_for(state="visible")
    assert "Fiji" in mark.inner_text()
    background = mark.evaluate("m => getComputedStyle(m).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")

    for _ in range(2):  # show the question, the answer and the open card together
        page.locator(".rq-q").last.evaluate("q => q.scrollIntoView({block: 'start'})")
        page.evaluate("() => window.scrollTo(0, 0)")
        page.wait_for_timeout(300)
    shot = ARTIFACTS / "ui-fiji-answer.png"
    page.screenshot(path=str(shot))
    print(f"screenshot: {shot}")

    card.locator("a.rq-goto").click()
    target = page.locator("#p-theme-4-recommendation-fiji")
    target.wait_for(state="visible")
    page.wait_for_function(
        "() => { const r = document.getElementById('p-theme-4-recommendation-fiji')"
        ".getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight; }"
    )
    assert "Fiji called for Members" in target.inner_text()


def test_html_typed_as_a_question_is_shown_as_text_and_never_runs(page):
    payloads = ['<img src=x onerror="window.__pwned=1">', "<script>window.__pwned=1</script>"]
    for payload in payloads:
        ask(page, payload)
        assert page.locator(".rq-q").last.text_content() == payload
    page.wait_for_timeout(500)  # give an injected handler time to fire, if one got through
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert page.locator("#rq-chat img[src='x'], #rq-chat script").count() == 0


def test_clear_empties_the_conversation_and_sessions_do_not_share_history(page, browser, served):
    ask(page, "What is RILON?")
    assert page.locator(".rq-q").count() == 1

    _, port = served
    other = browser.new_context().new_page()
    other.goto(f"http://127.0.0.1:{port}/")
    other.wait_for_selector("#rq-question textarea")
    assert other.locator(".rq-q").count() == 0
    other.context.close()

    page.click("#rq-clear")
    page.wait_for_function("() => document.querySelectorAll('.rq-q').length === 0")


def open_card(page, passage_id: str):
    """Ask about Fiji and open the card of `passage_id`; returns the card."""
    ask(page, "What did Fiji call for?")
    answer = page.locator(".rq-answer").last
    ids = [i.strip() for i in answer.locator("details.rq-card code.rq-id").all_text_contents()]
    card = answer.locator("details.rq-card").nth(ids.index(passage_id))
    card.locator("> summary").click()
    return card


def test_closed_cards_preview_the_quoted_sentence_and_open_ones_show_the_label(page):
    ask(page, "What did Fiji call for?")
    card = page.locator(".rq-answer").last.locator("details.rq-card").nth(1)
    preview = card.locator(".rq-preview")
    assert preview.is_visible() and preview.inner_text().startswith("\u201c")
    box = preview.bounding_box()
    assert box and box["height"] < 30  # one line, cut with an ellipsis
    card.locator("> summary").click()
    assert not preview.is_visible()
    label = card.locator(".rq-label")
    assert label.is_visible() and label.inner_text().startswith("Outcome Statement, Fourth RSO")
    assert not card.locator("code.rq-id").is_visible()  # the id is one click further
    card.locator(".rq-check > summary").click()
    assert card.locator("code.rq-id").is_visible()


def test_copy_citation_puts_the_quote_and_the_label_on_the_clipboard(page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    card = open_card(page, "theme-2/recommendation/fiji")
    card.locator("a.rq-copy").click()
    page.wait_for_function("() => document.querySelector('a.rq-copied') !== null")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.startswith("\u201cFiji and Tonga called for continued international support")
    assert copied.endswith("Theme 2: Meeting the challenge posed by transnational crime groups"
                           " - Recommendation (Fiji and Tonga))")


def test_reading_view_marks_the_cited_sentences_and_leads_back_to_the_answer(page):
    card = open_card(page, "theme-2/recommendation/fiji")
    card.locator("a.rq-goto").click()
    target = page.locator("#p-theme-2-recommendation-fiji")
    target.wait_for(state="visible")
    hits = target.locator(".rq-s.rq-hit")
    hits.first.wait_for(state="visible")
    assert hits.all_inner_texts() == [
        "Fiji and Tonga called for continued international support in intelligence sharing "
        "and joint training and capability development activities with bilateral and "
        "regional partners."
    ]
    background = hits.first.evaluate("m => getComputedStyle(m).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.locator(".rq-doc .rq-hit").count() == 1  # only the cited sentence
    # The tab bar stays in view while the passage is read far down the page.
    tab = page.get_by_role("tab", name="Ask").bounding_box()
    assert page.evaluate("() => window.scrollY") > 1000
    assert tab and tab["y"] + tab["height"] > 10 and tab["y"] < 60

    page.locator("#rq-back").click()
    page.wait_for_function(
        "() => { const t = document.querySelector('button[role=tab][aria-selected=true]');"
        " return t && t.textContent.trim() === 'Ask'; }"
    )
    card.wait_for(state="visible")
    page.wait_for_function(
        "() => { const c = [...document.querySelectorAll('details.rq-card[open]')].pop();"
        " const r = c.getBoundingClientRect(); return r.top < window.innerHeight && r.bottom > 0; }"
    )
    assert not page.locator("#rq-back").is_visible()


def test_the_find_box_finds_text_in_the_statement_and_steps_through_matches(page):
    page.get_by_role("tab", name="Read the statement").click()
    page.fill("#rq-find", "maritime")
    page.wait_for_function("() => document.querySelectorAll('mark.rq-found').length > 0")
    found = page.locator("mark.rq-found")
    count = found.count()
    assert count >= 2 and all(t.lower() == "maritime" for t in found.all_inner_texts())
    assert page.locator("#rq-find-count").inner_text() == f"1 of {count}"
    page.press("#rq-find", "Enter")
    assert page.locator("#rq-find-count").inner_text() == f"2 of {count}"
    assert page.locator("mark.rq-found-current").count() == 1
    page.fill("#rq-find", "no such words anywhere")
    page.wait_for_function("() => document.getElementById('rq-find-count').textContent"
                           " === 'No match'")
    assert page.locator("mark.rq-found").count() == 0  # the old marks are gone


def test_paragraph_labels_are_readable_with_the_id_on_hover(page):
    page.get_by_role("tab", name="Read the statement").click()
    link = page.locator("#p-theme-2-recommendation-fiji .rq-p-link")
    link.wait_for(state="visible")
    assert link.inner_text() == "Recommendation (Fiji and Tonga)"
    assert link.get_attribute("title") == "theme-2/recommendation/fiji"


def test_the_actor_filter_lists_countries_and_organisations_alphabetically_without_people(page):
    page.locator("#rq-actors input").click()
    options = page.locator("#rq-actors [role=listbox] [role=option]")
    options.first.wait_for(state="visible")
    names = [o.get_attribute("aria-label") or "" for o in options.all()]
    assert names == sorted(names, key=str.casefold) and len(names) > 50
    assert "IOM (International Organization for Migration)" in names
    assert not {"David Scott", "Fuad Adriansyah"} & set(names)
    assert names.index("Indonesia") < names.index("IOM (International Organization for Migration)")


def test_active_filters_are_shown_above_the_answer_and_clear_resets_them(page):
    page.locator("#rq-actors input").click()
    page.keyboard.type("Tonga")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    active = page.locator("#rq-active .rq-scope")
    active.wait_for(state="visible")
    assert "Tonga" in active.inner_text()
    ask(page, "Who called for stronger maritime surveillance?")
    scope = page.locator(".rq-answer").last.locator(".rq-scope")
    assert "Searched only in" in scope.inner_text() and "Tonga" in scope.inner_text()

    page.click("#rq-clear")
    page.wait_for_function("() => document.querySelectorAll('.rq-q').length === 0")
    active.wait_for(state="detached")
    assert page.locator("#rq-actors .token").count() == 0
    ask(page, "What did Fiji call for?")
    assert page.locator(".rq-answer").last.locator(".rq-scope").count() == 0


def test_use_from_code_shows_this_servers_address_and_the_real_range_of_k(page, served):
    from qa.assistant import MAX_K

    _, port = served
    page.get_by_role("tab", name="Use from code").click()
    about = page.locator("#rq-about")
    page.wait_for_function(
        "port => document.getElementById('rq-about').innerText.includes(':' + port + '/')",
        arg=port,
    )
    text = about.inner_text()
    assert f'Client("http://127.0.0.1:{port}/")' in text
    assert f"1 to {MAX_K}" in text and ":7860" not in text
    assert f"http://127.0.0.1:{port}/gradio_api/mcp/" in text


def test_the_header_states_only_what_the_statement_says(page):
    header = page.locator("#rq-header").inner_text()
    assert "27–28 January 2026" in header and "Fourth RSO Constructive Dialogue" in header
    assert "Bangkok" not in header


@pytest.mark.parametrize(("button", "suffix"), [("#rq-word", ".docx"), ("#rq-md", ".md")])
def test_the_session_downloads_as_a_brief_quoting_every_answer(page, tmp_path, button, suffix):
    import io

    import docx

    assert page.locator(f"{button} button, button{button}").first.is_disabled()
    ask(page, "What is RILON?")
    ask(page, "What did Fiji call for?")
    trigger = page.locator(f"{button} button, button{button}").first
    page.wait_for_function(
        "sel => { const b = document.querySelector(sel + ' button') ||"
        " document.querySelector('button' + sel); return b && !b.disabled; }",
        arg=button,
    )
    with page.expect_download() as info:
        trigger.click()
    download = info.value
    assert download.suggested_filename == f"rso-qa-brief{suffix}"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    if suffix == ".docx":
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(path.read_bytes())).paragraphs)
    else:
        text = path.read_text()
    assert "1. What is RILON?" in text and "2. What did Fiji call for?" in text
    assert "Fiji and Tonga called for continued international support" in text
    assert ("Theme 2: Meeting the challenge posed by transnational crime groups - "
            "Recommendation (Fiji and Tonga)") in text
