// Carewatch inbox: keyboard shortcuts and keeping the user's place across refreshes.
(function () {
  "use strict";
  const KEY = "carewatch:selected";

  function rows() { return Array.from(document.querySelectorAll("tr.case-row")); }
  function current() { return document.querySelector("tr.case-row.selected"); }
  function typing(e) {
    const t = e.target;
    return t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable);
  }
  function select(row) {
    rows().forEach(r => r.classList.remove("selected"));
    if (!row) return;
    row.classList.add("selected");
    row.scrollIntoView({ block: "nearest" });
    sessionStorage.setItem(KEY, row.dataset.caseId);
  }
  function restore() {
    const id = sessionStorage.getItem(KEY);
    const row = id && document.querySelector('tr.case-row[data-case-id="' + id + '"]');
    if (row) row.classList.add("selected");
  }
  function checkedIds() {
    return Array.from(document.querySelectorAll('tr.case-row input[name="case"]:checked')).map(c => c.value);
  }
  function updateCount() {
    const n = checkedIds().length;
    const label = document.getElementById("selected-count");
    if (label) label.textContent = n + " selected";
    // While cases are selected for a bulk action, the queue does not refresh under the user.
    window.carewatchBusy = n > 0;
  }
  function move(step) {
    const all = rows();
    if (!all.length) return;
    const idx = all.indexOf(current());
    const next = idx < 0 ? 0 : Math.max(0, Math.min(all.length - 1, idx + step));
    select(all[next]);
  }
  function post(formId) {
    const form = document.getElementById(formId);
    if (form) form.requestSubmit();
  }

  document.addEventListener("click", function (e) {
    const row = e.target.closest && e.target.closest("tr.case-row");
    if (!row) return;
    if (e.target.tagName === "INPUT" || e.target.tagName === "A") { if (e.target.tagName === "INPUT") updateCount(); return; }
    select(row);
    window.location.href = row.dataset.href;
  });
  document.addEventListener("change", function (e) {
    if (e.target.matches && e.target.matches('input[name="case"]')) updateCount();
  });
  document.addEventListener("htmx:afterSwap", function () { restore(); updateCount(); });
  document.addEventListener("DOMContentLoaded", function () { restore(); updateCount(); });

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (typing(e)) { if (e.key === "Escape") e.target.blur(); return; }
    const inCase = document.querySelector(".case-layout");
    switch (e.key) {
      case "j": move(1); break;
      case "k": move(-1); break;
      case "o": case "Enter": { const r = current(); if (r) window.location.href = r.dataset.href; break; }
      case "x": { const r = current(); if (r) { const box = r.querySelector('input[name="case"]'); box.checked = !box.checked; updateCount(); } break; }
      case "/": { const s = document.getElementById("search"); if (s) { e.preventDefault(); s.focus(); } break; }
      case "a": if (inCase) { const b = document.getElementById("assign-me"); if (b) b.click(); } break;
      case "c": if (inCase) post("close-form"); break;
      case "t": if (inCase) { const t = document.getElementById("tag-input"); if (t) { e.preventDefault(); t.focus(); } } break;
      case "u": { const b = document.getElementById("back"); if (b) window.location.href = b.href; break; }
      case "?": { const d = document.getElementById("help"); if (d) d.showModal(); break; }
      default: return;
    }
  });
})();
