// The page's script for citations, copy and download (assistant/web/page.py puts it in
// <head>, before ask.js). Everything is event delegation on the document, since Gradio
// renders and re-renders the page after this runs.
// - Citations: any .cite outside the article carries data-start/data-end (offsets into the
//   article). Activating one marks all of its answer's cited spans in the article, the
//   activated one distinct, scrolls the article box to it, announces it (#cite-live), and,
//   when the sentence would still be off screen (phones: the article is below the chat),
//   shows it in a dialog at the bottom of the screen (focus moves into it and stays there
//   until it closes, then goes back to the marker) with "Show in the article", after which
//   "Back to the answer" returns to the marker. Hover or focus previews the quote.
// - Gradio's upload zone gets a name that says what it shows; the own-article panel's
//   toggle says whether it is open.
// - Copy answer / Copy conversation / Download: Markdown made by the server (data-md,
//   #conversation-md), never the page's HTML.
(() => {
  const motion = () =>
    window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth";
  const $ = (sel) => document.querySelector(sel);
  // Added elements go inside the page's landmark (<main>), so nothing is outside one.
  const landmark = () => $("main") || document.body;

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

  // ---------- the citation dialog (phones), "Back to the answer", the preview ----------
  let opener = null; // the marker the dialog (or "Show in the article") came from
  function sheet() {
    let el = $("#cite-sheet");
    if (el) return el;
    el = document.createElement("div");
    el.id = "cite-sheet";
    el.setAttribute("role", "dialog");
    el.setAttribute("aria-modal", "true");
    el.setAttribute("aria-labelledby", "cite-sheet-title");
    el.setAttribute("aria-describedby", "cite-sheet-quote");
    el.tabIndex = -1;
    el.hidden = true;
    el.innerHTML =
      '<p id="cite-sheet-title"></p><blockquote id="cite-sheet-quote"></blockquote>' +
      '<div class="sheet-actions"><button type="button" data-sheet="show">Show in the article</button>' +
      '<button type="button" data-sheet="close">Close</button></div>';
    landmark().appendChild(el);
    return el;
  }
  function openSheet(cite) {
    const el = sheet();
    el.querySelector("#cite-sheet-title").textContent = describe(cite);
    el.querySelector("#cite-sheet-quote").textContent = cite.dataset.quote || "";
    el.hidden = false;
    opener = cite;
    el.focus({ preventScroll: true });
  }
  function sheetOpen() {
    const el = $("#cite-sheet");
    return !!(el && !el.hidden);
  }
  function closeSheet(returnFocus) {
    const el = $("#cite-sheet");
    if (!el || el.hidden) return;
    el.hidden = true;
    if (returnFocus && opener && opener.isConnected) opener.focus({ preventScroll: false });
  }
  function trapFocus(event) {
    // Tab and Shift+Tab stay inside the open dialog.
    const el = $("#cite-sheet");
    const buttons = [...el.querySelectorAll("button")];
    const first = buttons[0], last = buttons[buttons.length - 1];
    const at = document.activeElement;
    if (event.shiftKey && (at === first || at === el)) { event.preventDefault(); last.focus(); }
    else if (!event.shiftKey && at === last) { event.preventDefault(); first.focus(); }
    else if (!el.contains(at)) { event.preventDefault(); first.focus(); }
  }
  function backButton() {
    let el = $("#back-to-answer");
    if (el) return el;
    el = document.createElement("button");
    el.type = "button";
    el.id = "back-to-answer";
    el.textContent = "Back to the answer";
    el.hidden = true;
    landmark().appendChild(el);
    return el;
  }
  function backToAnswer() {
    const el = $("#back-to-answer");
    if (el) el.hidden = true;
    if (opener && opener.isConnected) {
      opener.scrollIntoView({ block: "center", behavior: motion() });
      opener.focus({ preventScroll: true });
    }
  }
  function preview() {
    let el = $("#cite-preview");
    if (!el) {
      el = document.createElement("div");
      el.id = "cite-preview";
      el.setAttribute("role", "tooltip");
      el.hidden = true;
      landmark().appendChild(el);
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
    const back = $("#back-to-answer");
    if (back) back.hidden = true;
    document.querySelectorAll("#article-text .run").forEach((run) => markRun(run, spansOf(cite)));
    const scope = cite.closest(".answer") || document;
    scope.querySelectorAll(".cite").forEach((c) => {
      if (c.dataset.start === cite.dataset.start && c.dataset.end === cite.dataset.end) c.classList.add("current");
    });
    const active = $("#article-text mark.active");
    announce(describe(cite) + ", shown in the article: " + (cite.dataset.quote || ""));
    if (!active) return;
    if (scrollArticle(active)) closeSheet(false);
    else openSheet(cite);
  }
  function showInArticle() {
    closeSheet(false);
    const active = $("#article-text mark.active");
    if (!active) return;
    active.scrollIntoView({ block: "center", behavior: motion() });
    $("#article-text").focus({ preventScroll: true });
    backButton().hidden = false;
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

  // ---------- wiring ----------
  document.addEventListener("click", (event) => {
    const t = event.target;
    if (!(t instanceof Element)) return;
    const cite = t.closest(".cite[data-start]");
    if (cite && !cite.closest("#article-text")) { event.preventDefault(); activate(cite); return; }
    const action = t.closest("[data-sheet]");
    if (action) { action.dataset.sheet === "show" ? showInArticle() : closeSheet(true); return; }
    if (t.closest("#back-to-answer")) { backToAnswer(); return; }
    const copyAnswer = t.closest(".copy-answer");
    if (copyAnswer) { copy(copyAnswer.dataset.md || "", copyAnswer); return; }
    if (t.closest("#copy-conversation")) {
      const text = conversation();
      text ? copy(text, t.closest("button")) : announce("There is no conversation to copy yet.");
      return;
    }
    if (t.closest("#download-conversation")) { download(); return; }
    if (t.closest("#new-conversation")) { clearMarks(); closeSheet(false); announce(""); }
  }, true);
  document.addEventListener("keydown", (event) => {
    if (sheetOpen()) {
      if (event.key === "Escape") { event.preventDefault(); closeSheet(true); return; }
      if (event.key === "Tab") trapFocus(event);
      return;
    }
    if (event.key === "Escape") {
      hidePreview();
      const back = $("#back-to-answer");
      if (back && !back.hidden) back.hidden = true;
    }
  }, true);
  document.addEventListener("focusin", (event) => {
    // A dialog keeps focus: anything outside it (a click behind it) closes it.
    const el = $("#cite-sheet");
    if (el && !el.hidden && event.target instanceof Node && !el.contains(event.target)) el.querySelector("button").focus();
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
  // ---------- Gradio's parts, named as they read ----------
  function mend() {
    // The upload zone's name says what its visible text says (WCAG 2.5.3).
    const zone = $("#own-upload .upload-container");
    if (zone) {
      const seen = zone.textContent.replace(/\s+/g, " ").trim();
      const name = "Upload an article: " + seen;
      if (seen && zone.getAttribute("aria-label") !== name) zone.setAttribute("aria-label", name);
    }
    // The own-article panel's toggle says whether it is open; its arrow is decoration.
    const toggle = $("#own-article > .label-wrap");
    if (toggle) {
      const open = String(!!$("#own-upload") && $("#own-upload").offsetParent !== null);
      if (toggle.getAttribute("aria-expanded") !== open) toggle.setAttribute("aria-expanded", open);
      const icon = toggle.querySelector(".icon");
      if (icon && !icon.hasAttribute("aria-hidden")) icon.setAttribute("aria-hidden", "true");
    }
  }
  new MutationObserver(mend).observe(document.documentElement, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["style", "class"],
  });
  window.askTheArticle = { announce, clearMarks, closeSheet };
})();
