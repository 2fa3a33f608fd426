// Event delegation: any element outside the article carrying data-start/data-end is a
// citation; clicking it wraps that span of the article's text in a <mark> and scrolls to it.
(() => {
  function unmark(root) {
    root.querySelectorAll("mark.cited").forEach((m) => {
      const parent = m.parentNode;
      parent.replaceChild(document.createTextNode(m.textContent), m);
      parent.normalize();
    });
  }
  function show(start, end) {
    const root = document.getElementById("article-text");
    if (!root) return;
    unmark(root);
    let first = null;
    root.querySelectorAll(".para").forEach((p) => {
      const ps = +p.dataset.start, pe = +p.dataset.end;
      if (end <= ps || start >= pe) return;
      const node = p.querySelector(".ptext").firstChild;
      const range = document.createRange();
      range.setStart(node, Math.max(start, ps) - ps);
      range.setEnd(node, Math.min(end, pe) - ps);
      const mark = document.createElement("mark");
      mark.className = "cited";
      range.surroundContents(mark);
      first = first || mark;
    });
    if (!first) return;  // scroll the article only, not the page
    const top = first.getBoundingClientRect().top - root.getBoundingClientRect().top;
    root.scrollTo({ top: root.scrollTop + top - root.clientHeight / 3, behavior: "smooth" });
  }
  function activate(event) {
    const el = event.target.closest && event.target.closest("[data-start][data-end]");
    if (!el || el.closest("#article-text")) return;
    if (event.type === "keydown" && event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    show(+el.dataset.start, +el.dataset.end);
  }
  document.addEventListener("click", activate);
  document.addEventListener("keydown", activate);
})();
