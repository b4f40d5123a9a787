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
.rq-sub { display: block; font-weight: 400; font-size: .82rem;
  color: var(--body-text-color-subdued); }
.rq-card[open] .rq-sub { display: none; }
.rq-card-body { padding: 10px 14px 12px; }
.rq-badges { display: flex; flex-wrap: wrap; gap: 5px; margin: 0 0 8px; }
.rq-badge { display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: .75rem;
  font-weight: 550; border: 1px solid transparent; }
.rq-theme, .rq-place { background: rgba(37, 99, 235, .10); color: var(--primary-700);
  border-color: rgba(37, 99, 235, .25); }
.rq-kind { background: rgba(100, 116, 139, .12); border-color: rgba(100, 116, 139, .3); }
.rq-actor { background: rgba(16, 185, 129, .10); border-color: rgba(16, 185, 129, .35); }
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
.rq-toc { position: sticky; top: 8px; max-height: 92vh; overflow: auto; font-size: .85rem;
  padding: 10px 12px; border: 1px solid var(--border-color-primary); border-radius: 10px; }
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
.rq-p { padding: 8px 12px; margin: 0 0 6px; border-radius: 8px; scroll-margin-top: 12px;
  border: 1px solid transparent; transition: background-color .6s, border-color .6s; }
.rq-p:hover { background: var(--background-fill-secondary); }
.rq-p-head { display: flex; gap: 10px; align-items: baseline; font-size: .72rem;
  color: var(--body-text-color-subdued); }
.rq-p-link { font-family: var(--font-mono); white-space: nowrap;
  color: var(--body-text-color-subdued) !important; text-decoration: none !important; }
.rq-p-recommendation { border-color: var(--border-color-primary); }
.rq-flash { background: rgba(250, 204, 21, .28) !important; border-color: #eab308 !important; }
footer { opacity: .7; }
"""

# One delegated click handler (capture phase, so it runs before Gradio's own link
# handling): "Read in the statement" switches to the reading tab and scrolls to the
# passage; an [n] marker opens card n of the same answer.
JS = """
() => {
  const TAB = "__TAB__";
  const flash = (el) => { el.classList.add("rq-flash");
    setTimeout(() => el.classList.remove("rq-flash"), 2400); };
  const showPassage = (id) => {
    const tab = [...document.querySelectorAll('button[role="tab"]')]
      .find((b) => b.textContent.trim() === TAB);
    if (tab && tab.getAttribute("aria-selected") !== "true") tab.click();
    let tries = 0;
    const go = () => {
      const el = document.getElementById(id);
      if (el && el.offsetParent !== null) {
        el.scrollIntoView({ block: "start" });
        flash(el);
        history.replaceState(null, "", "#" + id);
      } else if (tries++ < 60) setTimeout(go, 50);
    };
    go();
  };
  document.addEventListener("click", (ev) => {
    const link = ev.target.closest("a.rq-goto, a.rq-p-link, .rq-toc a");
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
    }
  }, true);
  if (location.hash.startsWith("#p-")) setTimeout(() => showPassage(location.hash.slice(1)), 300);
}
""".replace("__TAB__", STATEMENT_TAB)
