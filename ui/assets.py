"""The look and the little behaviour of the page: theme, CSS and one script.

System fonts only, so that the page renders the same offline. Colours come from
Gradio's CSS variables where they exist, so dark mode stays readable.
"""

from __future__ import annotations

import gradio as gr

__all__ = ["CSS", "JS", "STATEMENT_TAB", "theme"]

STATEMENT_TAB = "Read the statement"

_FONT = (
    "system-ui",
    "-apple-system",
    "Segoe UI",
    "Roboto",
    "Helvetica Neue",
    "Arial",
    "sans-serif",
)
_MONO = ("ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace")


def theme() -> gr.themes.Base:
    """A calm, document-like theme: slate neutrals, a deep blue accent."""
    return gr.themes.Soft(
        primary_hue="blue",
        secondary_hue="slate",
        neutral_hue="slate",
        font=_FONT,
        font_mono=_MONO,
        radius_size="md",
    ).set(
        body_text_size="16px",
        body_text_color_subdued="*neutral_500",
        block_title_background_fill="transparent",
        block_title_text_color="*neutral_700",
        block_title_text_weight="600",
        block_title_padding="0",
        block_label_background_fill="transparent",
        block_label_text_color="*neutral_600",
    )


CSS = """
.gradio-container { max-width: 1280px !important; margin: 0 auto !important;
  overflow: clip !important; }
#rq-header { padding: 6px 4px 2px; }
#rq-header h1 { font-size: 1.6rem; font-weight: 650; margin: 0 0 2px; letter-spacing: -0.01em; }
#rq-header p { margin: 0; color: var(--body-text-color-subdued); font-size: 0.95rem; }
#rq-header .rq-pledge { margin-top: 6px; font-size: 0.9rem; }
.rq-side h3 { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.06em;
  color: var(--body-text-color-subdued); margin: 4px 0 6px; font-weight: 600; }
.rq-example { justify-content: flex-start !important; text-align: left !important;
  font-weight: 450 !important; white-space: normal !important; }
.rq-example .rq-type { opacity: .6; }
#rq-chat .message-wrap { font-size: 15.5px; }
#rq-chat .message { max-width: 100% !important; }
#rq-chat .prose { opacity: 1 !important; }  /* the panel layout dims answers to 0.8 */
#rq-chat .user-row { padding-top: 4px !important; padding-bottom: 4px !important; }
.rq-q { font-weight: 550; overflow-wrap: anywhere; }
.rq-answer { line-height: 1.6; overflow-wrap: anywhere; }
.rq-answer .rq-text { margin: 0 0 10px; font-size: 1rem; }
a.rq-ref { display: inline-block; min-width: 1.35em; padding: 0 .35em; margin: 0 .1em;
  border-radius: 999px; background: var(--primary-100); color: var(--primary-700) !important;
  font-size: .75em; font-weight: 700; line-height: 1.45; text-align: center;
  vertical-align: 0.15em; text-decoration: none !important; }
a.rq-ref:hover { background: var(--primary-200); }
.rq-sources-title { font-size: .78rem; text-transform: uppercase; letter-spacing: .06em;
  color: var(--body-text-color-subdued); margin: 12px 0 6px; font-weight: 600; }
.rq-card { border: 1px solid var(--border-color-primary); border-radius: 10px;
  margin: 0 0 8px; background: var(--background-fill-primary); overflow: hidden; }
.rq-card > summary { display: flex; align-items: flex-start; gap: 10px; padding: 9px 12px;
  cursor: pointer; list-style: none; }
.rq-card > summary::-webkit-details-marker { display: none; }
.rq-card > summary::after { content: "▸"; color: var(--body-text-color-subdued);
  transition: transform .15s; }
.rq-card[open] > summary::after { transform: rotate(90deg); }
.rq-card[open] > summary { border-bottom: 1px solid var(--border-color-primary);
  background: var(--background-fill-secondary); }
.rq-card:hover { border-color: var(--primary-300); }
.rq-n { flex: none; width: 1.6em; height: 1.6em; border-radius: 999px; display: inline-flex;
  align-items: center; justify-content: center; background: var(--primary-600); color: white;
  font-size: .8rem; font-weight: 700; margin-top: 1px; }
.rq-where { flex: 1; font-weight: 600; font-size: .95rem; }
.rq-where { min-width: 0; }
.rq-sub { display: block; font-weight: 400; font-size: .82rem;
  color: var(--body-text-color-subdued); }
.rq-preview { display: block; font-weight: 400; font-size: .85rem; font-style: italic;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; margin-top: 1px;
  color: var(--body-text-color); opacity: .8; }
.rq-card[open] .rq-sub, .rq-card[open] .rq-preview { display: none; }
.rq-card-body { padding: 10px 14px 12px; }
.rq-badges { display: flex; flex-wrap: wrap; gap: 5px; margin: 0 0 8px; }
.rq-badge { display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: .75rem;
  font-weight: 550; border: 1px solid transparent; }
.rq-theme, .rq-place { background: rgba(37, 99, 235, .10); color: var(--primary-700);
  border-color: rgba(37, 99, 235, .25); }
.rq-kind { background: rgba(100, 116, 139, .12); border-color: rgba(100, 116, 139, .3); }
.rq-actor { background: rgba(16, 185, 129, .10); border-color: rgba(16, 185, 129, .35); }
.rq-code { display: inline-block; margin-right: .5em; padding: 0 .45em; border-radius: .4em;
  background: rgba(234, 179, 8, .22); font-size: .85em; font-weight: 600; }
.rq-speaker { background: rgba(16, 185, 129, .22); font-weight: 700; }
.rq-more { color: var(--body-text-color-subdued); }
.rq-answer mark, .rq-doc mark { background: #fde68a; color: #1f2937; padding: 0 2px;
  border-radius: 3px; box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.rq-passage { margin: 0; font-size: .95rem; }
.rq-row { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; }
.rq-row p { margin: 0; font-size: .95rem; }
.rq-cell-label { font-size: .7rem; text-transform: uppercase; letter-spacing: .06em;
  font-weight: 700; color: var(--body-text-color-subdued); margin-bottom: 2px; }
@media (max-width: 720px) { .rq-row { grid-template-columns: 1fr; } }
.rq-meta { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 14px;
  margin-top: 10px; font-size: .78rem; color: var(--body-text-color-subdued); }
.rq-meta code { font-size: .78rem; padding: 1px 6px; border-radius: 4px;
  background: var(--background-fill-secondary); }
a.rq-goto { margin-left: auto; font-weight: 600; color: var(--primary-600) !important;
  text-decoration: none !important; }
a.rq-goto:hover { text-decoration: underline !important; }
.rq-notice { padding: 10px 14px; border-left: 4px solid #d97706; border-radius: 6px;
  background: rgba(217, 119, 6, .10); font-weight: 550; }
.rq-related .rq-card { border-style: dashed; opacity: .92; }
.rq-flag { flex: none; margin-top: 2px; padding: 1px 8px; border-radius: 999px;
  font-size: .7rem; font-weight: 700; text-transform: uppercase; letter-spacing: .04em;
  color: #b45309; background: rgba(217, 119, 6, .12); border: 1px solid rgba(217, 119, 6, .4); }
.rq-error .rq-text { padding: 10px 14px; border-left: 4px solid #dc2626; border-radius: 6px;
  background: rgba(220, 38, 38, .08); }
.rq-placeholder { text-align: center; max-width: 560px; margin: 0 auto; line-height: 1.55; }
.rq-placeholder h2 { font-size: 1.15rem; margin-bottom: 6px; }
.rq-placeholder p { color: var(--body-text-color-subdued); font-size: .95rem; }
.rq-doc { display: grid; grid-template-columns: 250px minmax(0, 1fr); gap: 28px;
  align-items: start; }
.rq-toc { position: sticky; top: 60px; max-height: calc(100vh - 72px); overflow: auto;
  font-size: .85rem; padding: 10px 12px; border: 1px solid var(--border-color-primary);
  border-radius: 10px; }
.rq-toc-title { font-weight: 700; margin-bottom: 6px; }
.rq-toc ol { margin: 0; padding-left: 1.1em; }
.rq-toc li { margin: 3px 0; }
.rq-toc a { text-decoration: none; color: var(--body-text-color); }
.rq-toc a:hover { color: var(--primary-600); }
.rq-doc-body { max-width: 82ch; line-height: 1.65; }
.rq-section h2 { font-size: 1.25rem; margin: 22px 0 8px; padding-bottom: 4px;
  border-bottom: 2px solid var(--primary-200); }
.rq-subhead { font-size: .8rem !important; text-transform: uppercase; letter-spacing: .05em;
  color: var(--body-text-color-subdued); margin: 16px 0 6px !important; }
.rq-p { padding: 8px 12px; margin: 0 0 6px; border-radius: 8px; scroll-margin-top: 64px;
  border: 1px solid transparent; transition: background-color .6s, border-color .6s; }
.rq-p:hover { background: var(--background-fill-secondary); }
.rq-p-head { display: flex; gap: 10px; align-items: baseline; font-size: .72rem;
  color: var(--body-text-color-subdued); }
.rq-p-link { font-weight: 600; letter-spacing: .02em;
  color: var(--body-text-color-subdued) !important; text-decoration: none !important; }
.rq-p-link:hover { color: var(--primary-600) !important; }
.rq-p-recommendation { border-color: var(--border-color-primary); }
.rq-flash { border-color: #eab308 !important; box-shadow: 0 0 0 3px rgba(234, 179, 8, .45); }
#rq-tabs > .tab-wrapper { position: sticky; top: 0; z-index: 30;
  background: var(--body-background-fill); }
.rq-label { margin-top: 10px; padding: 6px 10px; font-size: .85rem; line-height: 1.45;
  border-left: 3px solid var(--primary-400); background: var(--background-fill-secondary);
  border-radius: 0 6px 6px 0; }
a.rq-copy { font-weight: 600; color: var(--primary-600) !important;
  text-decoration: none !important; }
a.rq-copy.rq-copied { color: #15803d !important; }
.rq-check { display: inline-block; }
.rq-check > summary { cursor: pointer; list-style: none; text-decoration: underline dotted; }
.rq-check > summary::-webkit-details-marker { display: none; }
.rq-check[open] > summary { margin-bottom: 4px; }
.rq-doc .rq-s.rq-hit { background: #fde68a; color: #1f2937; border-radius: 3px;
  box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.rq-doc mark.rq-found { background: #fed7aa; color: #1f2937; padding: 0; }
.rq-doc mark.rq-found-current { background: #fb923c; outline: 2px solid #ea580c; }
.rq-find { margin-bottom: 10px; }
.rq-find input { width: 100%; box-sizing: border-box; padding: 6px 9px; font-size: .88rem;
  border: 1px solid var(--border-color-primary); border-radius: 7px;
  background: var(--background-fill-primary); color: var(--body-text-color); }
.rq-find-bar { display: flex; align-items: center; gap: 4px; margin-top: 4px;
  font-size: .78rem; color: var(--body-text-color-subdued); min-height: 1.6em; }
.rq-find-bar span { flex: 1; }
.rq-find-bar button, #rq-back { border: 1px solid var(--border-color-primary);
  border-radius: 6px; background: var(--background-fill-secondary); cursor: pointer;
  color: var(--body-text-color); }
.rq-find-bar button { padding: 0 8px; }
#rq-back { display: block; width: 100%; margin: 0 0 10px; padding: 6px 8px; font-weight: 600;
  font-size: .88rem; color: var(--primary-700); background: var(--primary-50);
  border-color: var(--primary-300); }
#rq-back[hidden] { display: none; }
#rq-active:not(:has(.rq-scope)) { display: none; }
.rq-scope { display: flex; flex-wrap: wrap; align-items: center; gap: 5px; margin: 0 0 8px;
  font-size: .8rem; }
.rq-scope-title { font-weight: 650; color: var(--body-text-color-subdued); margin-right: 2px; }
.rq-chip { padding: 1px 9px; border-radius: 999px; border: 1px solid var(--primary-300);
  background: var(--primary-50); color: var(--primary-700); font-weight: 550; }
#rq-brief { align-items: center; gap: 8px; flex-wrap: nowrap; }
#rq-brief > * { flex: 0 0 auto !important; min-width: 0 !important; width: auto !important; }
#rq-brief button { padding: 4px 12px; }
.rq-brief-title { font-size: .85rem; color: var(--body-text-color-subdued); white-space: nowrap; }
.rq-data { display: none !important; }
footer { opacity: .7; }
.rq-doc-title { font-size: 1.4rem; margin: 1.6rem 0 .4rem; }
.rq-toc-doc { font-weight: 600; margin-top: .5rem; }
.rq-library { border-collapse: collapse; margin: .5rem 0 1.5rem; }
.rq-library td, .rq-library th { border-bottom: 1px solid var(--border-color-primary);
  padding: .35rem .7rem; text-align: left; }
.rq-upload input[type=text] { display: block; margin: .5rem 0; padding: .3rem; width: 24rem; }
.rq-upload button { padding: .4rem 1rem; border-radius: 6px; cursor: pointer;
  background: var(--button-primary-background-fill); color: var(--button-primary-text-color); }
"""

# Delegated handlers (capture phase, so they run before Gradio's own link handling):
# "Read in the statement" switches to the reading tab, scrolls to the passage, marks the
# sentences the card cites and offers the way back; an [n] marker opens card n of the
# same answer; "Copy citation" copies; the find box searches the statement's text.
JS = """
() => {
  const TAB = "__TAB__";
  let lastCard = null, found = [], current = -1, timer = null;
  const flash = (el) => { el.classList.add("rq-flash");
    setTimeout(() => el.classList.remove("rq-flash"), 2400); };
  const cardData = (card, name) => {
    const el = card ? card.querySelector("." + name) : null;
    return el ? el.textContent : "";
  };
  const tabButton = (name) => [...document.querySelectorAll('button[role="tab"]')]
    .find((b) => b.textContent.trim() === name);
  const whenShown = (find, then) => {
    let tries = 0;
    const go = () => { const el = find();
      if (el && el.offsetParent !== null) then(el); else if (tries++ < 60) setTimeout(go, 50); };
    go();
  };
  const markCited = (article, spans) => {
    document.querySelectorAll(".rq-doc .rq-hit").forEach((s) => s.classList.remove("rq-hit"));
    const ranges = (spans || "").split(",").filter(Boolean).map((r) => r.split("-").map(Number));
    article.querySelectorAll(".rq-s").forEach((s) => {
      const a = Number(s.dataset.s), b = Number(s.dataset.e);
      if (ranges.some(([x, y]) => x < b && a < y)) s.classList.add("rq-hit");
    });
  };
  const showPassage = (id, spans, card) => {
    const tab = tabButton(TAB);
    if (tab && tab.getAttribute("aria-selected") !== "true") tab.click();
    whenShown(() => document.getElementById(id), (el) => {
      if (spans !== undefined) markCited(el, spans);
      el.scrollIntoView({ block: "start" });
      flash(el);
      history.replaceState(null, "", "#" + id);
      const back = document.getElementById("rq-back");
      if (back) back.hidden = !card;
      lastCard = card || null;
    });
  };
  const backToAnswer = () => {
    const tab = tabButton("Ask");
    if (tab) tab.click();
    const card = lastCard;
    document.getElementById("rq-back").hidden = true;
    if (card) whenShown(() => card, (el) => { el.scrollIntoView({ block: "center" }); flash(el); });
  };
  const copy = async (link) => {
    const text = cardData(link.closest("details.rq-card"), "rq-copy-text");
    try { await navigator.clipboard.writeText(text); } catch (err) {
      const area = Object.assign(document.createElement("textarea"), { value: text });
      document.body.appendChild(area); area.select(); document.execCommand("copy"); area.remove();
    }
    const label = link.textContent;
    link.textContent = "Copied"; link.classList.add("rq-copied");
    setTimeout(() => { link.textContent = label; link.classList.remove("rq-copied"); }, 1500);
  };
  const clearFound = () => {
    for (const m of found) {
      const parent = m.parentNode;
      if (!parent) continue;
      parent.replaceChild(document.createTextNode(m.textContent), m);
      parent.normalize();
    }
    found = []; current = -1;
  };
  const showFound = (step) => {
    const count = document.getElementById("rq-find-count");
    if (!found.length) { if (count) count.textContent = ""; return; }
    if (current >= 0) found[current].classList.remove("rq-found-current");
    current = (current + step + found.length) % found.length;
    const m = found[current];
    m.classList.add("rq-found-current");
    m.scrollIntoView({ block: "center" });
    if (count) count.textContent = `${current + 1} of ${found.length}`;
  };
  const find = (query) => {
    clearFound();
    const count = document.getElementById("rq-find-count");
    const body = document.querySelector(".rq-doc-body");
    const q = query.trim();
    if (!body || q.length < 2) { if (count) count.textContent = ""; return; }
    const needle = q.toLowerCase();
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    for (const node of nodes) {
      const text = node.nodeValue, lower = text.toLowerCase();
      const hay = lower.length === text.length ? lower : text;
      let at = hay.indexOf(hay === lower ? needle : q), rest = node;
      let offset = 0;
      while (at >= 0 && rest) {
        const hit = rest.splitText(at - offset);
        rest = hit.splitText(q.length);
        const mark = document.createElement("mark");
        mark.className = "rq-found";
        hit.parentNode.replaceChild(mark, hit);
        mark.appendChild(hit);
        found.push(mark);
        offset = at + q.length;
        at = hay.indexOf(hay === lower ? needle : q, offset);
      }
    }
    if (found.length) showFound(1); else if (count) count.textContent = "No match";
  };
  const upload = async (button) => {
    const file = document.getElementById("rq-upload-file").files[0];
    const title = document.getElementById("rq-upload-title").value.trim();
    const status = document.getElementById("rq-upload-status");
    if (!file) { status.textContent = "Choose a file first."; return; }
    button.disabled = true;
    status.textContent = "Reading and indexing " + file.name + "…";
    try {
      const reply = await fetch(button.dataset.path, { method: "POST", body: file,
        credentials: "same-origin", headers: { "x-filename": encodeURIComponent(file.name),
        "x-title": encodeURIComponent(title), "content-type": "application/octet-stream" } });
      const data = await reply.json();
      if (!reply.ok) { status.textContent = data.detail || ("Refused: " + reply.status); return; }
      const d = data.document;
      status.textContent = data.added
        ? "Added " + d.id + ": " + d.title + " (" + d.passages + " passages). Reloading…"
        : "Already in the library as " + d.id + ".";
      if (data.added) setTimeout(() => location.reload(), 1200);
    } catch (err) {
      status.textContent = "The upload failed: " + err;
    } finally { button.disabled = false; }
  };
  document.addEventListener("click", (ev) => {
    const add = ev.target.closest("#rq-upload-button");
    if (add) { ev.preventDefault(); upload(add); return; }
    const goto = ev.target.closest("a.rq-goto");
    if (goto) {
      ev.preventDefault(); ev.stopPropagation();
      const card = goto.closest("details.rq-card");
      showPassage(goto.getAttribute("href").slice(1), cardData(card, "rq-spans"), card);
      return;
    }
    const link = ev.target.closest("a.rq-p-link, .rq-toc a");
    if (link) {
      ev.preventDefault(); ev.stopPropagation();
      showPassage(link.getAttribute("href").slice(1));
      return;
    }
    const ref = ev.target.closest("a.rq-ref");
    if (ref) {
      ev.preventDefault(); ev.stopPropagation();
      const answer = ref.closest(".rq-answer");
      const cards = answer ? answer.querySelectorAll("details.rq-card") : [];
      const card = cards[Number(ref.textContent) - 1];
      if (card) { card.open = true; card.scrollIntoView({ block: "nearest" }); flash(card); }
      return;
    }
    const copyLink = ev.target.closest("a.rq-copy");
    if (copyLink) { ev.preventDefault(); ev.stopPropagation(); copy(copyLink); return; }
    if (ev.target.closest("#rq-back")) { ev.preventDefault(); backToAnswer(); return; }
    if (ev.target.closest("#rq-find-next")) { showFound(1); return; }
    if (ev.target.closest("#rq-find-prev")) { showFound(-1); return; }
  }, true);
  document.addEventListener("input", (ev) => {
    if (ev.target.id !== "rq-find") return;
    clearTimeout(timer);
    timer = setTimeout(() => find(ev.target.value), 200);
  }, true);
  document.addEventListener("keydown", (ev) => {
    if (ev.target.id === "rq-find" && ev.key === "Enter") {
      ev.preventDefault(); clearTimeout(timer);
      if (!found.length) find(ev.target.value); else showFound(ev.shiftKey ? -1 : 1);
    }
  }, true);
  if (location.hash.startsWith("#p-")) setTimeout(() => showPassage(location.hash.slice(1)), 300);
}
""".replace("__TAB__", STATEMENT_TAB)
