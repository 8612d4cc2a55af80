import Hummingbird
import NIOCore

/// The editors' preview page: one self-contained HTML document (CSS and
/// JavaScript inline, no external requests), compiled into the binary so
/// `summarize serve` works offline and from any directory.
///
/// The page talks only to `POST /v1/summarize` on the same origin. Article
/// text is only ever inserted as text nodes (`textContent`), never as HTML.
enum EditorPage {
    static let body = ByteBuffer(string: html)

    /// The page is inline, so scripts and styles are allowed inline and
    /// nothing else: no remote code, no fetch to other origins, no framing.
    static let headers: HTTPFields = [
        .contentType: "text/html; charset=utf-8",
        .cacheControl: "no-cache",
        .contentSecurityPolicy: "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
            + "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        .xContentTypeOptions: "nosniff",
    ]

    static let html = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Key points preview</title>
<style>
:root {
  --paper: #f6f4ef;
  --card: #ffffff;
  --ink: #1d2126;
  --muted: #646b75;
  --line: #e3dfd6;
  --accent: #1f4fa3;
  --accent-soft: #e8eefa;
  --mark: #fbeeb8;
  --mark-active: #ffd84d;
  --danger: #a3261f;
  --serif: "Iowan Old Style", "Charter", "Georgia", "DejaVu Serif", serif;
  --sans: system-ui, -apple-system, "Segoe UI", "Roboto", "Helvetica Neue", "DejaVu Sans", sans-serif;
}
* { box-sizing: border-box; }
html, body { margin: 0; }
body { background: var(--paper); color: var(--ink); font: 15px/1.5 var(--sans); }
button { font: inherit; color: inherit; }
.bar {
  position: sticky; top: 0; z-index: 5;
  display: flex; align-items: center; gap: 16px;
  padding: 12px 28px; background: var(--paper);
  border-bottom: 1px solid var(--line);
}
.brand { font-weight: 650; font-size: 16px; letter-spacing: 0.01em; }
.brand small { font-weight: 400; color: var(--muted); margin-left: 10px; font-size: 14px; }
.status { margin-left: auto; color: var(--muted); font-size: 13px; display: flex; align-items: center; gap: 8px; }
.dot { width: 8px; height: 8px; border-radius: 50%; background: #9aa3ad; }
.status[data-state="ok"] .dot { background: #2e8b57; }
.status[data-state="busy"] .dot { background: #d39b00; }
.status[data-state="error"] .dot { background: var(--danger); }
.layout {
  display: grid; grid-template-columns: minmax(0, 1fr) 420px; gap: 28px;
  max-width: 1320px; margin: 0 auto; padding: 24px 28px 48px; align-items: start;
}
.pane-head { display: flex; align-items: baseline; gap: 12px; margin: 0 0 10px; }
.pane-head h2, .card-head h2 {
  margin: 0; font-size: 12px; font-weight: 650; text-transform: uppercase; letter-spacing: 0.08em; color: var(--muted);
}
.tools { margin-left: auto; display: flex; gap: 8px; }
.ghost {
  border: 1px solid var(--line); background: var(--card); border-radius: 6px; padding: 4px 10px;
  font-size: 13px; cursor: pointer; color: var(--ink);
}
.ghost:hover { border-color: #c9c3b6; }
.editor {
  position: relative; background: var(--card); border: 1px solid var(--line); border-radius: 10px;
  box-shadow: 0 1px 2px rgba(0, 0, 0, 0.04);
}
.editor:focus-within { border-color: #b9c6e0; box-shadow: 0 0 0 3px var(--accent-soft); }
/* The backdrop shows the text (with highlights); the transparent textarea on
   top takes the typing. Both must lay text out identically. */
.backdrop, #article {
  margin: 0; border: 0; padding: 32px 40px 40px;
  font: 18px/1.7 var(--serif); letter-spacing: normal; tab-size: 4;
  white-space: pre-wrap; overflow-wrap: break-word; word-break: normal;
}
.backdrop { min-height: calc(100vh - 190px); color: var(--ink); pointer-events: none; }
#article {
  position: absolute; inset: 0; width: 100%; height: 100%; resize: none; overflow: hidden;
  background: transparent; color: transparent; caret-color: var(--ink); outline: none;
}
#article::placeholder { color: #9a968c; }
#article::selection { background: rgba(31, 79, 163, 0.22); color: transparent; }
mark { color: inherit; background: var(--mark); border-radius: 3px; box-shadow: 0 0 0 1px var(--mark); transition: background 120ms, box-shadow 120ms; }
mark.active { background: var(--mark-active); box-shadow: 0 0 0 2px var(--mark-active); }
.drop {
  position: absolute; inset: 0; display: none; align-items: center; justify-content: center;
  border: 2px dashed var(--accent); border-radius: 10px; background: rgba(232, 238, 250, 0.9);
  color: var(--accent); font-weight: 600; font-size: 17px; z-index: 2;
}
.editor.dragging .drop { display: flex; }
.counts { color: var(--muted); font-size: 13px; margin: 8px 2px 0; min-height: 1.5em; }
.side {
  position: sticky; top: 72px; display: flex; flex-direction: column; gap: 14px;
  max-height: calc(100vh - 88px); overflow-y: auto; padding-bottom: 4px;
  scrollbar-width: thin; scrollbar-color: #d6d1c6 transparent;
}
.card {
  background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 18px 20px 16px;
  box-shadow: 0 1px 2px rgba(0, 0, 0, 0.04);
}
.card-head { display: flex; align-items: center; gap: 10px; margin-bottom: 12px; }
.stepper { margin-left: auto; display: flex; align-items: center; gap: 6px; font-size: 13px; color: var(--muted); }
.stepper button {
  width: 26px; height: 26px; border-radius: 6px; border: 1px solid var(--line); background: var(--paper);
  cursor: pointer; line-height: 1; font-size: 16px; color: var(--ink);
}
.stepper button:disabled { opacity: 0.4; cursor: default; }
.stepper output { min-width: 1.4em; text-align: center; font-weight: 650; color: var(--ink); font-size: 15px; }
.header-title { font: 650 21px/1.3 var(--serif); margin: 0 0 10px; }
.points { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 6px; }
.point {
  display: grid; grid-template-columns: 14px minmax(0, 1fr); gap: 4px 8px; width: 100%; text-align: left;
  border: 1px solid transparent; border-radius: 8px; background: none; padding: 8px 10px 8px 6px; cursor: pointer;
}
.point::before { content: ""; width: 6px; height: 6px; border-radius: 50%; background: var(--ink); margin: 0.72em 0 0 4px; }
.point:hover, .point:focus-visible { background: #fdf8e4; border-color: #f1e3a6; outline: none; }
.point.active { background: #fff4c6; border-color: #f0d670; }
.point-text { font: 16px/1.5 var(--serif); grid-column: 2; }
.point-meta { grid-column: 2; font-size: 12px; color: var(--muted); font-variant-numeric: tabular-nums; }
.point-meta .long { color: var(--danger); }
.empty { color: var(--muted); margin: 4px 0 6px; font-size: 14px; }
.error {
  border: 1px solid #f0c7c3; background: #fdf1f0; color: var(--danger); border-radius: 8px;
  padding: 8px 10px; font-size: 14px; margin-top: 8px;
}
.card-foot { display: flex; align-items: center; gap: 12px; margin-top: 14px; padding-top: 14px; border-top: 1px solid var(--line); }
.primary {
  border: 0; background: var(--accent); color: #fff; border-radius: 7px; padding: 8px 14px;
  font-weight: 600; cursor: pointer;
}
.primary:hover { background: #1a438c; }
.primary:disabled { background: #9fb0cf; cursor: default; }
.copied { font-size: 13px; color: #2e8b57; }
.hint { font-size: 12.5px; color: var(--muted); margin: 6px 0 4px; }
details.md { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 10px 16px; }
details.md summary { cursor: pointer; font-size: 13px; color: var(--muted); }
details.md pre {
  white-space: pre-wrap; overflow-wrap: break-word; font: 12.5px/1.5 ui-monospace, "DejaVu Sans Mono", monospace;
  margin: 10px 0 4px; color: var(--ink);
}
@media (max-width: 980px) {
  .layout { grid-template-columns: minmax(0, 1fr); }
  .side { position: static; order: -1; max-height: none; }
  .backdrop { min-height: 50vh; }
}
</style>
</head>
<body>
<header class="bar">
  <div class="brand">Key points preview<small>three sentences picked from the story, before it goes out</small></div>
  <div class="status" id="status" data-state="idle" role="status" aria-live="polite"><span class="dot"></span><span id="status-text">Waiting for text</span></div>
</header>
<main class="layout">
  <section aria-labelledby="article-label">
    <div class="pane-head">
      <h2 id="article-label">Article</h2>
      <div class="tools">
        <button class="ghost" id="open" type="button">Open .txt / .html…</button>
        <button class="ghost" id="clear" type="button">Clear</button>
        <input type="file" id="file" accept=".txt,.text,.md,.html,.htm,text/plain,text/html" hidden>
      </div>
    </div>
    <div class="editor" id="editor">
      <div class="backdrop" id="backdrop" aria-hidden="true"></div>
      <textarea id="article" spellcheck="false" aria-labelledby="article-label"
        placeholder="Paste or type an article here, or drop a .txt or .html file."></textarea>
      <div class="drop">Drop a .txt or .html file to load it</div>
    </div>
    <p class="counts" id="counts"></p>
  </section>
  <aside class="side">
    <div class="card">
      <div class="card-head">
        <h2>Header preview</h2>
        <div class="stepper" aria-label="Number of bullets">
          <button type="button" id="fewer" aria-label="Fewer bullets">−</button>
          <output id="count" aria-live="polite">3</output>
          <button type="button" id="more" aria-label="More bullets">+</button>
          <span>bullets</span>
        </div>
      </div>
      <p class="header-title">Key points</p>
      <ul class="points" id="points"></ul>
      <p class="empty" id="empty">The bullets appear here as you type. Hover or click one to see where it comes from.</p>
      <div class="error" id="error" role="alert" hidden></div>
      <div class="card-foot">
        <button class="primary" id="copy" type="button" disabled>Copy as Markdown</button>
        <span class="copied" id="copied"></span>
      </div>
    </div>
    <details class="md">
      <summary>Markdown that will be copied</summary>
      <pre id="markdown"></pre>
      <p class="hint">Same result as <code>summarize --format markdown</code>. CMS plug-ins can call <code>POST /v1/summarize</code> for the JSON.</p>
    </details>
  </aside>
</main>
<script>
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const textarea = $("article"), backdrop = $("backdrop"), editor = $("editor");
  const pointsList = $("points");
  const MIN_BULLETS = 1, MAX_BULLETS = 10, DEBOUNCE_MS = 300, LONG_BULLET_WORDS = 40;

  const state = {
    bullets: 3,
    result: null,      // { text, data } : the response and the exact text it was computed for
    pinned: null,      // key point index kept highlighted by a click
    hovered: null,     // key point index under the pointer or keyboard focus
    timer: 0, seq: 0, controller: null,
  };

  // --- UTF-8 byte offsets -> JavaScript (UTF-16) string indices -------------
  // The API reports utf8Range as UTF-8 byte offsets into the text it received.
  // fetch() sends the string as UTF-8, writing a lone surrogate as U+FFFD
  // (3 bytes); codePointAt() returns such a surrogate as a value below 0x10000,
  // which also counts 3 bytes here, so the two walks agree.
  function utf8Width(cp) { return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; }
  function byteOffsetsToIndices(text, offsets) {
    const wanted = Array.from(new Set(offsets)).sort((a, b) => a - b);
    const map = new Map();
    let byte = 0, index = 0, k = 0;
    while (k < wanted.length) {
      while (k < wanted.length && wanted[k] <= byte) map.set(wanted[k++], index);
      if (index >= text.length) break;
      const cp = text.codePointAt(index);
      byte += utf8Width(cp);
      index += cp > 0xffff ? 2 : 1;
    }
    while (k < wanted.length) map.set(wanted[k++], text.length);
    return map;
  }

  // --- Counting ---------------------------------------------------------------
  const graphemes = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : null;
  const words = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter(undefined, { granularity: "word" }) : null;
  function countCharacters(s) {
    if (graphemes) { let n = 0; for (const _ of graphemes.segment(s)) n++; return n; }
    return Array.from(s).length;
  }
  function countWords(s) {
    if (words) { let n = 0; for (const w of words.segment(s)) if (w.isWordLike) n++; return n; }
    return (s.match(/\S+/g) || []).length;
  }
  const fmt = new Intl.NumberFormat();
  const plural = (n, one, many) => `${fmt.format(n)} ${n === 1 ? one : many}`;

  // --- Rendering ----------------------------------------------------------------
  function currentRanges() {
    const r = state.result;
    if (!r || r.text !== textarea.value) return [];   // ranges belong to another text
    const points = r.data.keyPoints;
    const offsets = points.flatMap((p) => p.utf8Range);
    const map = byteOffsetsToIndices(r.text, offsets);
    return points.map((p, i) => ({ index: i, start: map.get(p.utf8Range[0]), end: map.get(p.utf8Range[1]) }))
      .sort((a, b) => a.start - b.start);
  }

  // The article is only ever put in the page as text nodes (never parsed as HTML),
  // so pasted markup is shown, not run.
  function renderArticle() {
    const text = textarea.value;
    const nodes = [];
    let pos = 0;
    for (const r of currentRanges()) {
      if (r.start < pos || r.end <= r.start) continue;
      nodes.push(document.createTextNode(text.slice(pos, r.start)));
      const mark = document.createElement("mark");
      mark.dataset.index = String(r.index);
      mark.textContent = text.slice(r.start, r.end);
      nodes.push(mark);
      pos = r.end;
    }
    // The zero-width space gives a trailing empty line the same height the textarea gives it.
    nodes.push(document.createTextNode(text.slice(pos) + "\u200b"));
    backdrop.replaceChildren(...nodes);
    renderActive();
    renderCounts();
  }

  function renderCounts() {
    const text = textarea.value;
    if (!text.trim()) { $("counts").textContent = ""; return; }
    let s = `${plural(countCharacters(text), "character", "characters")} · ${plural(countWords(text), "word", "words")}`;
    const r = state.result;
    if (r && r.text === text) s += ` · ${plural(r.data.sentenceCount, "sentence", "sentences")}`;
    $("counts").textContent = s;
  }

  function renderPoints() {
    const r = state.result;
    const points = r ? r.data.keyPoints : [];
    const items = points.map((p, i) => {
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "point";
      button.dataset.index = String(i);
      const text = document.createElement("span");
      text.className = "point-text";
      text.textContent = p.text;
      const meta = document.createElement("span");
      meta.className = "point-meta";
      const nWords = countWords(p.text);
      const wordsSpan = document.createElement("span");
      wordsSpan.textContent = plural(nWords, "word", "words");
      if (nWords > LONG_BULLET_WORDS) { wordsSpan.className = "long"; wordsSpan.title = "Long for a bullet"; }
      meta.append(`${plural(countCharacters(p.text), "character", "characters")} · `, wordsSpan,
        ` · sentence ${fmt.format(p.sentenceIndex + 1)} of ${fmt.format(r.data.sentenceCount)}`);
      button.append(text, meta);
      button.addEventListener("mouseenter", () => setHovered(i));
      button.addEventListener("mouseleave", () => setHovered(null));
      button.addEventListener("focus", () => setHovered(i));
      button.addEventListener("blur", () => setHovered(null));
      button.addEventListener("click", () => {
        state.pinned = state.pinned === i ? null : i;
        renderActive();
        if (state.pinned === i) scrollToMark(i);
      });
      li.append(button);
      return li;
    });
    pointsList.replaceChildren(...items);
    $("empty").hidden = points.length > 0;
    if (r && points.length === 0) $("empty").textContent = "No key points: the text needs at least one full sentence of four words or more.";
    const md = markdown();
    $("markdown").textContent = md || "(nothing yet)";
    $("copy").disabled = !md;
  }

  function renderActive() {
    const active = state.hovered !== null ? state.hovered : state.pinned;
    for (const el of backdrop.querySelectorAll("mark")) el.classList.toggle("active", Number(el.dataset.index) === active);
    for (const el of pointsList.querySelectorAll(".point")) {
      const i = Number(el.dataset.index);
      el.classList.toggle("active", i === state.pinned);
      el.setAttribute("aria-pressed", String(i === state.pinned));
    }
  }

  function setHovered(i) { state.hovered = i; renderActive(); }

  function scrollToMark(i) {
    const mark = backdrop.querySelector(`mark[data-index="${i}"]`);
    if (!mark) return;
    const box = mark.getBoundingClientRect();
    if (box.top < 70 || box.bottom > window.innerHeight) {
      window.scrollBy({ top: box.top - window.innerHeight / 3, behavior: "smooth" });
    }
  }

  function markdown() {
    const r = state.result;
    if (!r || r.data.keyPoints.length === 0) return "";
    // Same as `summarize --format markdown`.
    return "## Key points\n\n" + r.data.keyPoints.map((p) => `- ${p.text}\n`).join("");
  }

  function setStatus(kind, message) {
    $("status").dataset.state = kind;
    $("status-text").textContent = message;
  }

  function showError(error) {
    const box = $("error");
    if (!error) { box.hidden = true; box.textContent = ""; return; }
    box.hidden = false;
    box.textContent = error.message || "Something went wrong.";
    setStatus("error", error.code ? `Error: ${error.code}` : "Error");
  }

  // --- Talking to the API -----------------------------------------------------------
  async function refresh() {
    clearTimeout(state.timer);
    const text = textarea.value;
    if (state.controller) state.controller.abort();
    if (!text.trim()) {
      state.result = null; state.pinned = null;
      showError(null); renderPoints(); renderArticle();
      $("empty").textContent = "The bullets appear here as you type. Hover or click one to see where it comes from.";
      setStatus("idle", "Waiting for text");
      return;
    }
    const controller = new AbortController();
    state.controller = controller;
    const seq = ++state.seq;
    setStatus("busy", "Summarizing…");
    const started = performance.now();
    try {
      const response = await fetch(`/v1/summarize?bullets=${state.bullets}&sentences=true`, {
        method: "POST",
        headers: { "Content-Type": "text/plain; charset=utf-8" },
        body: text,
        signal: controller.signal,
      });
      const body = await response.json().catch(() => ({ error: { message: `The server answered ${response.status} without JSON.` } }));
      if (seq !== state.seq) return;
      if (!response.ok) { showError(body.error || { message: `HTTP ${response.status}` }); return; }
      showError(null);
      const pinnedText = state.result && state.pinned !== null ? state.result.data.keyPoints[state.pinned]?.text : null;
      state.result = { text, data: body };
      const keep = body.keyPoints.findIndex((p) => p.text === pinnedText);
      state.pinned = keep >= 0 ? keep : null;
      renderPoints();
      renderArticle();
      const ms = Math.round(performance.now() - started);
      setStatus("ok", `Up to date · ${plural(body.sentenceCount, "sentence", "sentences")} · ${ms} ms`);
    } catch (e) {
      if (e.name === "AbortError" || seq !== state.seq) return;
      showError({ message: `Could not reach the summarize server (${e.message}). Is \`summarize serve\` still running?` });
    }
  }

  function scheduleRefresh(delay = DEBOUNCE_MS) {
    clearTimeout(state.timer);
    state.timer = setTimeout(refresh, delay);
    if (textarea.value.trim()) setStatus("busy", "Typing…");
  }

  // --- Input ----------------------------------------------------------------------
  textarea.addEventListener("input", () => { renderArticle(); scheduleRefresh(); });

  function setBullets(n) {
    state.bullets = Math.max(MIN_BULLETS, Math.min(MAX_BULLETS, n));
    $("count").textContent = String(state.bullets);
    $("fewer").disabled = state.bullets <= MIN_BULLETS;
    $("more").disabled = state.bullets >= MAX_BULLETS;
    scheduleRefresh(0);
  }
  $("fewer").addEventListener("click", () => setBullets(state.bullets - 1));
  $("more").addEventListener("click", () => setBullets(state.bullets + 1));

  $("clear").addEventListener("click", () => { textarea.value = ""; renderArticle(); refresh(); textarea.focus(); });

  $("copy").addEventListener("click", async () => {
    const md = markdown();
    if (!md) return;
    let ok = false;
    try { await navigator.clipboard.writeText(md); ok = true; } catch (_) {
      // Clipboard API needs a secure context (loopback counts); fall back for other hosts.
      const scratch = document.createElement("textarea");
      scratch.value = md; scratch.style.position = "fixed"; scratch.style.opacity = "0";
      document.body.append(scratch); scratch.select();
      try { ok = document.execCommand("copy"); } catch (_) { ok = false; }
      scratch.remove();
    }
    $("copied").textContent = ok ? "Copied" : "Copy failed: select the Markdown below";
    setTimeout(() => { $("copied").textContent = ""; }, 2000);
  });

  // --- Files --------------------------------------------------------------------------
  // An HTML page goes to the server as text/html: the server extracts its article (the same
  // extraction as `summarize extract`) and the editor then holds that article as text, title
  // first, so the bullets are highlighted in what the summary was made from. The page itself is
  // never put into this document, so its scripts cannot run.
  async function loadHTML(html) {
    if (state.controller) state.controller.abort();
    setStatus("busy", "Extracting the article…");
    try {
      const response = await fetch(`/v1/summarize?bullets=${state.bullets}`, {
        method: "POST",
        headers: { "Content-Type": "text/html; charset=utf-8" },
        body: html,
      });
      const body = await response.json().catch(() => ({ error: { message: `The server answered ${response.status} without JSON.` } }));
      if (!response.ok || !body.article) { showError(body.error || { message: `HTTP ${response.status}` }); return; }
      const title = body.article.title ? body.article.title + "\n\n" : "";
      textarea.value = title + body.article.text;
    } catch (e) {
      showError({ message: `Could not reach the summarize server (${e.message}). Is \`summarize serve\` still running?` });
      return;
    }
    state.pinned = null;
    renderArticle();
    refresh();
  }

  const looksLikePage = (text) => /^\s*(<!doctype html|<html[\s>])/i.test(text);

  async function loadFile(file) {
    if (!file) return;
    const raw = await file.text();
    if (/\.x?html?$/i.test(file.name) || file.type === "text/html" || looksLikePage(raw)) { loadHTML(raw); return; }
    textarea.value = raw;
    state.pinned = null;
    renderArticle();
    refresh();
  }
  // A whole page pasted as source (it starts with <!DOCTYPE html> or <html>) is read as a page too;
  // any other pasted markup stays text.
  textarea.addEventListener("paste", (e) => {
    const pasted = e.clipboardData ? e.clipboardData.getData("text/plain") : "";
    if (pasted && looksLikePage(pasted) && !textarea.value.trim()) { e.preventDefault(); loadHTML(pasted); }
  });
  $("open").addEventListener("click", () => $("file").click());
  $("file").addEventListener("change", (e) => { loadFile(e.target.files[0]); e.target.value = ""; });
  let dragDepth = 0;
  editor.addEventListener("dragenter", (e) => { if (e.dataTransfer.types.includes("Files")) { dragDepth++; editor.classList.add("dragging"); } });
  editor.addEventListener("dragleave", () => { if (--dragDepth <= 0) { dragDepth = 0; editor.classList.remove("dragging"); } });
  editor.addEventListener("dragover", (e) => { if (e.dataTransfer.types.includes("Files")) e.preventDefault(); });
  editor.addEventListener("drop", (e) => {
    dragDepth = 0; editor.classList.remove("dragging");
    if (e.dataTransfer.files.length) { e.preventDefault(); loadFile(e.dataTransfer.files[0]); }
  });

  setBullets(3);
  renderArticle();
  renderPoints();
  if (textarea.value.trim()) refresh(); else setStatus("idle", "Waiting for text");
})();
</script>
</body>
</html>
"""#
}
