// The page's script for asking (assistant/web/page.py puts it in <head>, after chat.js).
// - The question box: a live character count (characters, as the server counts them) that
//   resets when a question is sent; the server's own sentence for a question too long;
//   one question at a time.
// - Message actions: "Edit" puts a question back in the box and re-asks from there,
//   "Retry" / "Ask again" re-asks the last one, a question offered under an answer asks
//   itself; all go through the box and Ask, with the exchange re-asked from in the hidden
//   #edit-from field, so the server checks them like any question.
// - Votes: the answer's own buttons (up first, then down and an optional reason) send
//   {"index", "liked"} through the hidden #vote-data field.
// - Focus: when a control that had focus goes away (an answer finished, Stop, Undo, an
//   action's button re-rendered), focus returns to the question box; a new question is
//   scrolled to the top of the chat, so its answer is read from the start, and once it is
//   answered the chat scrolls on to the answer's end (the questions it offers) as far as
//   the question can stay at the top.
(() => {
  const motion = () =>
    window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth";
  const $ = (sel) => document.querySelector(sel);
  const shared = () => window.askTheArticle || { announce() {}, clearMarks() {}, closeSheet() {} };
  const box = () => $("#question textarea");
  const chars = (text) => [...text].length; // code points, as Python's len
  const fmt = (n) => n.toLocaleString("en");
  const tooLong = (n, max) => // assistant.core.conversation.too_long, word for word
    "The question is " + fmt(n) + " characters long; the limit is " + fmt(max) + ". Ask a shorter question.";

  // ---------- the question box ----------
  // Between sending a question and the server locking the controls (a round trip), the
  // page itself refuses a second one; once the lock (the Stop button) shows, it takes over.
  let askedAt = 0;
  const stopShown = () => { const stop = $("#stop"); return !!(stop && stop.offsetParent !== null); };
  const busy = () => stopShown() || Date.now() - askedAt < 1500;
  function put(el, text) {
    // Only a change is written: the page watches its own changes, and would loop.
    if (el && el.textContent !== text) el.textContent = text;
  }
  function count() {
    const area = box(), out = $("#question-count");
    if (!area || !out) return;
    const max = +out.dataset.max, n = chars(area.value);
    put(out, fmt(n) + " / " + fmt(max) + " characters");
    if (out.classList.contains("over") !== n > max) out.classList.toggle("over", n > max);
    const problem = $("#question-problem");
    if (n > max) put(problem, tooLong(n, max));
    else if (problem && problem.textContent.startsWith("The question is ")) put(problem, "");
    if (!area.hasAttribute("aria-describedby")) {
      area.setAttribute("aria-describedby", "question-count question-problem");
    }
  }
  function refuse(event, message) {
    event.preventDefault();
    event.stopImmediatePropagation();
    const problem = $("#question-problem");
    if (problem) problem.textContent = message;
  }
  const ONE_AT_A_TIME = "One question at a time: wait for this answer, or press Stop.";
  function setValue(el, value) {
    // As typing would: Gradio's components listen for input events.
    const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement : HTMLInputElement;
    Object.getOwnPropertyDescriptor(proto.prototype, "value").set.call(el, value);
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }
  const field = (id) => $("#" + id + " textarea, #" + id + " input");

  // ---------- editing a question, asking again, asking an offered question ----------
  function editing(index) {
    // The line that says a question is being edited (index null: none is).
    let el = $("#editing");
    if (index === null) { if (el) el.remove(); return; }
    if (!el) {
      el = document.createElement("p");
      el.id = "editing";
      el.setAttribute("role", "status");
      const help = $("#question-help");
      if (!help) return;
      help.after(el);
    }
    el.replaceChildren(
      document.createTextNode("Editing question " + (index + 1) + ": Enter asks it again from there. "),
    );
    const cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "cancel-edit";
    cancel.textContent = "Cancel editing";
    el.appendChild(cancel);
  }
  function editFrom(index) {
    const hidden = field("edit-from");
    if (hidden) setValue(hidden, index === null ? "" : String(index));
    editing(index);
  }
  function ask(question, index) {
    const area = box(), button = $("#ask");
    if (!area || !button) return;
    setValue(area, question);
    editFrom(index);
    count();
    button.click();
  }
  function edit(button) {
    const area = box();
    if (!area) return;
    setValue(area, button.dataset.question || "");
    editFrom(+button.dataset.index);
    count();
    area.focus();
    area.setSelectionRange(area.value.length, area.value.length);
  }
  function cancelEdit() {
    editFrom(null);
    const area = box();
    if (area) { setValue(area, ""); count(); area.focus(); }
  }

  // ---------- votes ----------
  function vote(button) {
    const answer = button.closest(".answer");
    const liked = button.dataset.vote;
    const down = liked !== "up";
    answer.querySelectorAll(".vote-up").forEach((b) => b.setAttribute("aria-pressed", String(!down)));
    answer.querySelectorAll(".vote-down").forEach((b) => b.setAttribute("aria-pressed", String(down)));
    answer.querySelectorAll(".vote-reason").forEach((b) => b.setAttribute("aria-pressed", String(b === button)));
    const reasons = answer.querySelector(".vote-reasons");
    if (reasons) reasons.hidden = !down;
    const data = field("vote-data"), send = $("#vote-send");
    if (!data || !send) return;
    setValue(data, JSON.stringify({ index: +button.dataset.index, liked }));
    send.click();
    shared().announce(down ? (liked === "down" ? "Thanks: marked as a bad answer. You may say what was wrong." : "Thanks: " + liked + ".") : "Thanks: marked as a good answer.");
  }

  // ---------- focus, and keeping a new question's answer in view ----------
  let lastFocus = null;
  document.addEventListener("focusin", (event) => { lastFocus = event.target; });
  function refocus() {
    // Focus that fell to <body> because its control went away comes back to the box.
    const at = document.activeElement;
    if (!lastFocus || (at && at !== document.body)) return; // nothing had focus: none taken
    if (lastFocus.isConnected && lastFocus.offsetParent !== null) return; // moved away by the reader
    const area = box();
    if (area && !area.disabled) area.focus({ preventScroll: true });
  }
  function reveal() {
    // An answer is finished: its end comes into view, its question staying at the top at
    // most, unless the reader has scrolled away from it (up to an earlier answer).
    const row = [...document.querySelectorAll("#chat .message-row.user-row")].pop();
    const wrap = row && row.closest(".bubble-wrap");
    if (!wrap) return;
    const view = wrap.getBoundingClientRect(), at = row.getBoundingClientRect().top;
    const question = wrap.scrollTop + at - view.top - 8;
    const top = Math.min(question, wrap.scrollHeight - wrap.clientHeight);
    if (at < view.bottom && top > wrap.scrollTop + 1) wrap.scrollTo({ top, behavior: motion() });
  }
  let wasLocked = false;
  function unlocked() {
    // An answer finished or was stopped: the box is open again, and takes the focus
    // unless the reader has moved it elsewhere (into an earlier answer, the article).
    const area = box();
    if (!area) return;
    const locked = area.disabled;
    if (locked) askedAt = 0; // the server has taken the question: its lock takes over
    if (wasLocked && !locked) {
      requestAnimationFrame(reveal); // after the answer's last update is drawn
      const at = document.activeElement;
      if (!at || at === document.body || at.closest("#actions, #suggestions, #question")) {
        area.focus({ preventScroll: true });
      }
    }
    wasLocked = locked;
  }
  let questions = 0;
  function follow() {
    if (askedAt && stopShown()) askedAt = 0;
    const rows = document.querySelectorAll("#chat .message-row.user-row");
    if (rows.length === questions) return;
    const grew = rows.length > questions;
    questions = rows.length;
    if (!grew) return;
    askedAt = 0; // the question shows: the server has taken it (even if its lock came and went unseen)
    const row = rows[rows.length - 1], wrap = row.closest(".bubble-wrap");
    if (!wrap) return;
    const top = wrap.scrollTop + row.getBoundingClientRect().top - wrap.getBoundingClientRect().top - 8;
    wrap.scrollTo({ top, behavior: motion() });
  }
  function changed() {
    follow();
    count();
    unlocked();
    refocus();
    const hidden = field("edit-from");
    if (hidden && !hidden.value && $("#editing")) editing(null); // sent (or reset)
  }

  // ---------- wiring ----------
  document.addEventListener("click", (event) => {
    const t = event.target;
    if (!(t instanceof Element)) return;
    if (t.closest(".cancel-edit")) { cancelEdit(); return; }
    const action = t.closest(".edit-question, .retry, .ask-next");
    if (action) {
      if (busy()) { refuse(event, ONE_AT_A_TIME); return; }
      if (action.classList.contains("edit-question")) { edit(action); return; }
      askedAt = 0;
      ask(action.dataset.question || "", action.classList.contains("retry") ? +action.dataset.index : null);
      return;
    }
    const voted = t.closest(".vote-up, .vote-down, .vote-reason");
    if (voted) { vote(voted); return; }
    if (t.closest("#undo")) { shared().announce("The conversation is back."); return; }
    if (t.closest("#ask, .suggestion")) {
      if (busy()) { refuse(event, ONE_AT_A_TIME); return; }
      askedAt = Date.now();
    }
  }, true);
  document.addEventListener("keydown", (event) => {
    const t = event.target;
    if (!(t instanceof Element)) return;
    if (event.key === "Escape" && t.closest("#question") && $("#editing")) { cancelEdit(); return; }
    if (event.key === "Enter" && !event.shiftKey && t.closest("#question")) {
      if (!t.value.trim()) { event.preventDefault(); event.stopImmediatePropagation(); return; }
      if (busy()) { refuse(event, ONE_AT_A_TIME); return; }
      const max = +(($("#question-count") || {}).dataset || {}).max || Infinity;
      if (chars(t.value) <= max) askedAt = Date.now(); // a longer one is refused by the server
    }
  }, true);
  document.addEventListener("input", (event) => {
    if (event.target instanceof Element && event.target.closest("#question")) {
      askedAt = 0; // typing again: whatever was sent before has been taken or refused
      count();
    }
  });
  new MutationObserver(changed).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ["disabled"] });
})();
