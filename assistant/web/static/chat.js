// The page's script (assistant/web.py puts it in <head>). Everything is event delegation on
// the document, since Gradio renders and re-renders the page after this runs.
// - Citations: any .cite outside the article carries data-start/data-end (offsets into the
//   article). Activating one marks all of its answer's cited spans in the article, the
//   activated one distinct, scrolls the article box to it, announces it (#cite-live), and,
//   when the sentence would still be off screen (phones: the article is below the chat),
//   shows it in a bottom sheet with "Show in the article". Hover or focus previews the quote.
// - Copy answer / Copy conversation / Download: Markdown made by the server (data-md,
//   #conversation-md), never the page's HTML.
// - The question box: a live character count; one question at a time.
// - A new question is scrolled to the top of the chat, so its answer is read from the start.
(() => {
  const motion = () =>
    window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth";
  const $ = (sel) => document.querySelector(sel);

  // ---------- marking the article ----------
  function clearMarks() {
    document.querySelectorAll("#article-text .run").forEach((run) => {
      if (run.querySelector("mark")) run.textContent = run.textContent;
    });
    document.querySelectorAll(".cite.current").forEach((c) => c.classList.remove("current"));
  }
  function markRun(run, spans) {
    const base = +run.dataset.start, text = run.textContent;
    const local = spans
      .map((s) => ({ s: Math.max(s.start, base) - base, e: Math.min(s.end, base + text.length) - base, active: s.active }))
      .filter((x) => x.e > x.s);
    if (!local.length) return;
    const cuts = [...new Set([0, text.length, ...local.flatMap((x) => [x.s, x.e])])].sort((a, b) => a - b);
    const parts = [];
    for (let i = 0; i < cuts.length - 1; i++) {
      const a = cuts[i], b = cuts[i + 1], cover = local.filter((x) => x.s <= a && b <= x.e);
      if (!cover.length) { parts.push(document.createTextNode(text.slice(a, b))); continue; }
      const m = document.createElement("mark");
      m.className = cover.some((x) => x.active) ? "cited active" : "cited";
      m.textContent = text.slice(a, b);
      parts.push(m);
    }
    run.replaceChildren(...parts);
  }
  function spansOf(cite) {
    const scope = cite.closest(".answer") || cite.parentNode;
    const seen = new Map();
    scope.querySelectorAll(".cite[data-start]").forEach((c) => {
      const key = c.dataset.start + "-" + c.dataset.end;
      if (!seen.has(key)) seen.set(key, { start: +c.dataset.start, end: +c.dataset.end });
    });
    return [...seen.values()].map((s) => ({
      ...s, active: s.start === +cite.dataset.start && s.end === +cite.dataset.end,
    }));
  }

  // ---------- where the cited sentence ends up on screen ----------
  function scrollArticle(mark) {
    // Scroll the article box (not the page) so the mark sits a third of the way down;
    // return whether the mark will then be inside the window.
    const box = $("#article-text");
    const boxRect = box.getBoundingClientRect(), markRect = mark.getBoundingClientRect();
    const max = box.scrollHeight - box.clientHeight;
    const want = box.scrollTop + markRect.top - boxRect.top - box.clientHeight / 3;
    const target = Math.max(0, Math.min(max, want));
    const top = markRect.top - (target - box.scrollTop);
    if (max > 0) box.scrollTo({ top: target, behavior: motion() });
    const visibleTop = Math.max(0, boxRect.top), visibleBottom = Math.min(innerHeight, boxRect.bottom);
    return top >= visibleTop - 1 && top + Math.min(markRect.height, 60) <= visibleBottom + 1;
  }
  function announce(text) {
    const live = $("#cite-live");
    if (live) live.textContent = text;
  }
  function describe(cite) {
    const para = cite.dataset.para ? ", paragraph " + cite.dataset.para : "";
    return "Source " + cite.dataset.cid + para;
  }

  // ---------- the bottom sheet (phones) and the preview (hover, focus) ----------
  function sheet() {
    let el = $("#cite-sheet");
    if (el) return el;
    el = document.createElement("div");
    el.id = "cite-sheet";
    el.setAttribute("role", "dialog");
    el.setAttribute("aria-labelledby", "cite-sheet-title");
    el.hidden = true;
    el.innerHTML =
      '<p id="cite-sheet-title"></p><blockquote id="cite-sheet-quote"></blockquote>' +
      '<div class="sheet-actions"><button type="button" data-sheet="show">Show in the article</button>' +
      '<button type="button" data-sheet="close">Close</button></div>';
    document.body.appendChild(el);
    return el;
  }
  function openSheet(cite) {
    const el = sheet();
    el.querySelector("#cite-sheet-title").textContent = describe(cite);
    el.querySelector("#cite-sheet-quote").textContent = cite.dataset.quote || "";
    el.hidden = false;
  }
  function closeSheet() {
    const el = $("#cite-sheet");
    if (el) el.hidden = true;
  }
  function preview() {
    let el = $("#cite-preview");
    if (!el) {
      el = document.createElement("div");
      el.id = "cite-preview";
      el.setAttribute("role", "tooltip");
      el.hidden = true;
      document.body.appendChild(el);
    }
    return el;
  }
  function showPreview(cite) {
    if (!cite.dataset.quote || window.matchMedia("(pointer: coarse)").matches) return;
    const el = preview();
    el.replaceChildren(document.createTextNode(cite.dataset.quote));
    const small = document.createElement("small");
    small.textContent = describe(cite) + " · characters " + cite.dataset.start + "–" + cite.dataset.end;
    el.appendChild(small);
    el.hidden = false;
    cite.setAttribute("aria-describedby", "cite-preview");
    const r = cite.getBoundingClientRect(), h = el.offsetHeight, w = el.offsetWidth;
    const below = r.bottom + 6 + h <= innerHeight;
    el.style.top = (below ? r.bottom + 6 : Math.max(4, r.top - 6 - h)) + "px";
    el.style.left = Math.max(4, Math.min(innerWidth - w - 4, r.left)) + "px";
  }
  function hidePreview() {
    const el = $("#cite-preview");
    if (el) el.hidden = true;
  }

  // ---------- activation ----------
  function activate(cite) {
    hidePreview();
    clearMarks();
    document.querySelectorAll("#article-text .run").forEach((run) => markRun(run, spansOf(cite)));
    const scope = cite.closest(".answer") || document;
    scope.querySelectorAll(".cite").forEach((c) => {
      if (c.dataset.start === cite.dataset.start && c.dataset.end === cite.dataset.end) c.classList.add("current");
    });
    const active = $("#article-text mark.active");
    announce(describe(cite) + ", shown in the article: " + (cite.dataset.quote || ""));
    if (!active) return;
    if (scrollArticle(active)) closeSheet();
    else openSheet(cite);
  }
  function showInArticle() {
    closeSheet();
    const active = $("#article-text mark.active");
    if (!active) return;
    active.scrollIntoView({ block: "center", behavior: motion() });
    $("#article-text").focus({ preventScroll: true });
  }

  // ---------- copy and download ----------
  async function copy(text, button) {
    try {
      await navigator.clipboard.writeText(text);
    } catch (e) {
      const area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed"; area.style.left = "-9999px";
      document.body.appendChild(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    if (button) flash(button, "Copied");
    announce("Copied to the clipboard.");
  }
  function flash(button, text) {
    const old = button.dataset.label || button.textContent;
    button.dataset.label = old;
    button.textContent = text;
    setTimeout(() => { button.textContent = old; }, 1500);
  }
  function conversation() {
    const area = $("#conversation-md");
    return area ? area.value : "";
  }
  function download() {
    const text = conversation();
    if (!text) { announce("There is no conversation to download yet."); return; }
    const url = URL.createObjectURL(new Blob([text], { type: "text/markdown" }));
    const a = document.createElement("a");
    a.href = url; a.download = "conversation.md";
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  // ---------- the question box ----------
  // Between sending a question and the server locking the controls (a round trip), the
  // page itself refuses a second one; once the lock (the Stop button) shows, it takes over.
  let askedAt = 0;
  const stopShown = () => { const stop = $("#stop"); return !!(stop && stop.offsetParent !== null); };
  const busy = () => stopShown() || Date.now() - askedAt < 1500;
  function count() {
    const box = $("#question textarea"), out = $("#question-count");
    if (!box || !out) return;
    const max = +out.dataset.max, n = box.value.length;
    out.textContent = n.toLocaleString("en") + " / " + max.toLocaleString("en") + " characters";
    out.classList.toggle("over", n > max);
    const problem = $("#question-problem");
    if (problem) problem.textContent = n > max ? "Too long: shorten it to " + max.toLocaleString("en") + " characters to ask." : "";
    box.setAttribute("aria-describedby", "question-count question-problem");
  }
  function refuse(event, message) {
    event.preventDefault();
    event.stopImmediatePropagation();
    const problem = $("#question-problem");
    if (problem) problem.textContent = message;
  }
  const ONE_AT_A_TIME = "One question at a time: wait for this answer, or press Stop.";

  // ---------- keeping a new question's answer in view ----------
  let questions = 0;
  function follow() {
    if (askedAt && stopShown()) askedAt = 0;
    const rows = document.querySelectorAll("#chat .message-row.user-row");
    if (rows.length === questions) return;
    const grew = rows.length > questions;
    questions = rows.length;
    if (!grew) return;
    const row = rows[rows.length - 1], wrap = row.closest(".bubble-wrap");
    if (!wrap) return;
    const top = wrap.scrollTop + row.getBoundingClientRect().top - wrap.getBoundingClientRect().top - 8;
    wrap.scrollTo({ top, behavior: motion() });
  }

  // ---------- wiring ----------
  document.addEventListener("click", (event) => {
    const t = event.target;
    if (!(t instanceof Element)) return;
    const cite = t.closest(".cite[data-start]");
    if (cite && !cite.closest("#article-text")) { event.preventDefault(); activate(cite); return; }
    const action = t.closest("[data-sheet]");
    if (action) { action.dataset.sheet === "show" ? showInArticle() : closeSheet(); return; }
    const copyAnswer = t.closest(".copy-answer");
    if (copyAnswer) { copy(copyAnswer.dataset.md || "", copyAnswer); return; }
    if (t.closest("#copy-conversation")) {
      const text = conversation();
      text ? copy(text, t.closest("button")) : announce("There is no conversation to copy yet.");
      return;
    }
    if (t.closest("#download-conversation")) { download(); return; }
    if (t.closest("#new-conversation")) { clearMarks(); closeSheet(); announce(""); return; }
    if (t.closest("#ask, .suggestion")) {
      if (busy()) { refuse(event, ONE_AT_A_TIME); return; }
      askedAt = Date.now();
    }
  }, true);
  document.addEventListener("keydown", (event) => {
    const t = event.target;
    if (!(t instanceof Element)) return;
    if (event.key === "Escape") { hidePreview(); closeSheet(); return; }
    if (event.key === "Enter" && !event.shiftKey && t.closest("#question")) {
      if (!t.value.trim()) { event.preventDefault(); event.stopImmediatePropagation(); return; }
      if (busy()) { refuse(event, ONE_AT_A_TIME); return; }
      const max = +(($("#question-count") || {}).dataset || {}).max || Infinity;
      if (t.value.length <= max) askedAt = Date.now(); // a longer one is refused by the server
    }
  }, true);
  document.addEventListener("input", (event) => {
    if (event.target instanceof Element && event.target.closest("#question")) {
      askedAt = 0; // typing again: whatever was sent before has been taken or refused
      count();
    }
  });
  const over = (event) => {
    const cite = event.target instanceof Element && event.target.closest(".cite[data-quote]");
    if (cite) showPreview(cite);
  };
  const out = (event) => {
    if (event.target instanceof Element && event.target.closest(".cite[data-quote]")) hidePreview();
  };
  document.addEventListener("mouseover", over);
  document.addEventListener("focusin", over);
  document.addEventListener("mouseout", out);
  document.addEventListener("focusout", out);
  document.addEventListener("scroll", hidePreview, true);
  new MutationObserver(follow).observe(document.documentElement, { childList: true, subtree: true });
})();
