"""Adding a statement from the page, in Debian's Chromium: the Library tab's form posts the
file, the page reloads, and the new statement is in the filters, the answers and the
reading view. Its own `rso-qa serve` over a copy of the session's index."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import START_TIMEOUT, free_port, listening
from tests.test_ui_browser import ANSWER_TIMEOUT, CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser

HARBOUR = Path(__file__).parent / "data" / "harbour-dialogue-2031.md"
HARBOUR_TITLE = "Outcome Statement of the Seventh Harbour Security Dialogue"


@pytest.fixture()
def served(index_dir, assistant, tmp_path):
    shutil.copytree(index_dir, tmp_path / "home" / "index")
    port = free_port()
    env = {**os.environ, "RSO_QA_HOME": str(tmp_path / "home"), "HF_HUB_OFFLINE": "1"}
    env.pop("RSO_QA_AUTH", None)
    proc = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not listening(port):
            assert proc.poll() is None and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.25)
        yield port, tmp_path / "home"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_a_statement_added_from_the_page_is_cited_by_name_after_the_reload(served):
    from playwright.sync_api import sync_playwright

    port, home = served
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1360, "height": 1180})
        page.set_default_timeout(ANSWER_TIMEOUT)
        page.goto(f"http://127.0.0.1:{port}/")
        page.wait_for_selector("#rq-question textarea")
        page.get_by_role("tab", name="Library").click()
        page.set_input_files("#rq-upload-file", str(HARBOUR))
        with page.expect_navigation(timeout=ANSWER_TIMEOUT * 3):
            page.click("#rq-upload-button")
            page.wait_for_function(
                "() => document.getElementById('rq-upload-status')?.textContent.includes('Added')",
                timeout=ANSWER_TIMEOUT * 3,
            )
        page.wait_for_selector("#rq-question textarea")
        assert (home / "library" / "harbour-dialogue-2031" / "source.md").exists()
        page.fill("#rq-question textarea", "What did Norway explain about manifests?")
        page.click("#rq-ask")
        card = page.locator(".rq-answer details.rq-card").first
        card.wait_for()
        card.locator("summary").first.click()
        assert card.locator(".rq-label").inner_text().startswith(HARBOUR_TITLE)
        card_id = card.locator("code.rq-id").text_content()
        assert card_id == "harbour-dialogue-2031/theme-1/spotlight/norway"
        page.get_by_role("tab", name="Library").click()
        assert "harbour-dialogue-2031" in page.locator("#rq-library").inner_text()
        browser.close()
