"""End to end: `rso-qa serve` in a subprocess, driven by Debian's Chromium through Playwright.

Run with `pytest -m browser`; `make browser` installs Chromium with apt (never a download).
A screenshot of the Fiji answer is saved under artifacts/ for the test report.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
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
START_TIMEOUT = 180  # seconds: loading torch and the model on a small CI machine
ANSWER_TIMEOUT = 60_000  # milliseconds


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def served(assistant, index_dir):
    """`rso-qa serve` on a free port, sharing the session's built index; stopped at the end."""
    port = free_port()
    env = {**os.environ, "RSO_QA_HOME": str(index_dir.parent), "HF_HUB_OFFLINE": "1"}
    env.pop("RSO_QA_AUTH", None)
    log = ARTIFACTS / "serve.log"
    log.parent.mkdir(exist_ok=True)
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "cli", "serve", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not listening(port):
            if proc.poll() is not None:
                pytest.fail(f"rso-qa serve exited with {proc.returncode}:\n{log.read_text()}")
            if time.monotonic() > deadline:
                pytest.fail(f"rso-qa serve did not listen within {START_TIMEOUT} s")
            time.sleep(0.25)
        yield proc, port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


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
    card.locator("summary").click()
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
