// Carewatch inbox: keyboard shortcuts, row clicks, bulk selection, and keeping the user's place
// across the queue's periodic refresh. CSP-clean: no eval, no inline handlers, no inline styles.
(function () {
  "use strict";
  const KEY = "carewatch:selected";
  const REFRESH_EVENT = "carewatch:refresh";

  function rows() { return Array.from(document.querySelectorAll("tr.case-row")); }
  function current() { return document.querySelector("tr.case-row.selected"); }
  function boxes() { return Array.from(document.querySelectorAll('tr.case-row input[name="case"]')); }
  function checkedIds() { return boxes().filter(b => b.checked).map(b => b.value); }
  function dialogOpen() { return !!document.querySelector("dialog[open]"); }
  // Shortcuts stay off while the user types; a focused checkbox or button is not typing
  // (after ticking a row's box, j/k/x must still work).
  const NOT_TEXT = ["checkbox", "radio", "button", "submit", "reset", "image", "file", "color", "range"];
  function typing(e) {
    const t = e.target;
    if (!t || !t.tagName) return false;
    if (t.tagName === "INPUT") return NOT_TEXT.indexOf((t.type || "").toLowerCase()) < 0;
    return t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable;
  }
  function onControl(e) {
    // Enter on a focused button or link belongs to that button or link.
    return !!(e.target && e.target.closest && e.target.closest("a[href], button, summary, input"));
  }

  // ------------------------------------------------------------------ selection (j/k)
  function select(row) {
    rows().forEach(r => r.classList.remove("selected"));
    if (!row) return;
    row.classList.add("selected");
    row.scrollIntoView({ block: "nearest" });
    try { sessionStorage.setItem(KEY, row.dataset.caseId); } catch (err) { /* storage off: fine */ }
  }
  function restoreSelection() {
    let id = null;
    try { id = sessionStorage.getItem(KEY); } catch (err) { /* storage off */ }
    if (!id || !/^\d+$/.test(id)) return;
    const row = document.querySelector('tr.case-row[data-case-id="' + id + '"]');
    if (row) row.classList.add("selected");
  }
  function move(step) {
    const all = rows();
    if (!all.length) return;
    const idx = all.indexOf(current());
    const next = idx < 0 ? 0 : Math.max(0, Math.min(all.length - 1, idx + step));
    select(all[next]);
  }
  function open(row, newTab) {
    if (!row || !row.dataset.href) return;
    select(row);
    if (newTab) window.open(row.dataset.href, "_blank", "noopener");
    else window.location.href = row.dataset.href;
  }

  // ------------------------------------------------------------------ bulk selection
  function updateCount() {
    const n = checkedIds().length;
    const label = document.getElementById("selected-count");
    if (label) label.textContent = n + " selected";
    const apply = document.getElementById("bulk-apply");
    if (apply) apply.disabled = n === 0;
    const all = document.getElementById("select-all");
    if (all) {
      const total = boxes().length;
      all.checked = total > 0 && n === total;
      all.indeterminate = n > 0 && n < total;
    }
    document.body.classList.toggle("has-selection", n > 0);
  }
  // The queue's timed refresh waits while cases are checked for a bulk action.
  function busy() { return checkedIds().length > 0; }

  // ------------------------------------------------------------------ SLA times
  // The server writes "3 hours, 58 minutes" (and "0 minutes" once overdue); say it shorter,
  // and say "overdue" when it is.
  function span(ms) {
    const min = Math.round(Math.abs(ms) / 60000);
    if (min < 60) return min + " min";
    const h = Math.floor(min / 60);
    if (h < 48) return h + " h" + (min % 60 ? " " + (min % 60) + " min" : "");
    return Math.floor(h / 24) + " days";
  }
  function formatDue() {
    document.querySelectorAll("time.due[datetime]").forEach(function (t) {
      const due = Date.parse(t.getAttribute("datetime"));
      if (isNaN(due)) return;
      const left = due - Date.now();
      t.classList.toggle("overdue", left <= 0);
      t.textContent = left <= 0 ? "overdue " + span(left) : "in " + span(left);
    });
  }

  // ------------------------------------------------------------------ clicks
  document.addEventListener("click", function (e) {
    const row = e.target.closest && e.target.closest("tr.case-row");
    if (!row) return;
    // Links, checkboxes and other controls do their own thing; they never open the case.
    if (e.target.closest("a, input, button, label, select, textarea")) return;
    // A click in the checkbox cell toggles the checkbox: a near miss should not open the case.
    const cell = e.target.closest("td");
    if (cell && cell.classList.contains("pick")) {
      const box = cell.querySelector('input[name="case"]');
      if (box) { box.checked = !box.checked; updateCount(); }
      return;
    }
    if (window.getSelection && String(window.getSelection()).length > 0) return; // the user is selecting text
    open(row, e.ctrlKey || e.metaKey);
  });
  document.addEventListener("auxclick", function (e) {
    if (e.button !== 1) return;
    const row = e.target.closest && e.target.closest("tr.case-row");
    if (row && !e.target.closest("a, input, button, label, select, textarea")) open(row, true);
  });
  document.addEventListener("change", function (e) {
    const t = e.target;
    if (!t.matches) return;
    if (t.matches("#select-all")) {
      boxes().forEach(b => { b.checked = t.checked; });
      updateCount();
    } else if (t.matches('input[name="case"]')) {
      updateCount();
    }
  });

  // ------------------------------------------------------------------ the queue's refresh
  // hx-trigger filters ("every 20s [cond]") are JavaScript evaluated by htmx, which the CSP
  // (no 'unsafe-eval', htmx allowEval: false) forbids; the pause logic lives here instead.
  // The timed poll has no triggering event; an explicit "carewatch:refresh" always runs.
  document.addEventListener("htmx:confirm", function (e) {
    const d = e.detail;
    if (!d.elt || d.elt.id !== "rows") return;
    if (d.triggeringEvent && d.triggeringEvent.type === REFRESH_EVENT) return;
    if (document.visibilityState !== "visible" || busy() || dialogOpen()) e.preventDefault();
  });
  let checkedBeforeSwap = null;
  document.addEventListener("htmx:beforeSwap", function (e) {
    const d = e.detail;
    if (!d.target || d.target.id !== "rows") return;
    // Logged out meanwhile (the request was redirected to the log-in page): reload the whole page
    // rather than put a log-in form into the table.
    const xhr = d.xhr;
    if (xhr && xhr.responseURL && new URL(xhr.responseURL).pathname !== window.location.pathname) {
      d.shouldSwap = false;
      window.location.reload();
      return;
    }
    checkedBeforeSwap = new Set(checkedIds());
  });
  document.addEventListener("htmx:afterSwap", function (e) {
    if (e.detail.target && e.detail.target.id === "rows" && checkedBeforeSwap) {
      boxes().forEach(b => { if (checkedBeforeSwap.has(b.value)) b.checked = true; });
      checkedBeforeSwap = null;
    }
    restoreSelection();
    updateCount();
    formatDue();
  });
  // Back in the tab after a while: refresh at once instead of waiting for the next tick.
  let hiddenSince = 0;
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { hiddenSince = Date.now(); return; }
    const el = document.getElementById("rows");
    if (el && el.hasAttribute("hx-get") && hiddenSince && Date.now() - hiddenSince > 20000 && !busy()
        && window.htmx) {
      window.htmx.trigger(el, REFRESH_EVENT);
    }
    hiddenSince = 0;
  });

  // ------------------------------------------------------------------ keyboard
  function post(formId) {
    const form = document.getElementById(formId);
    if (form) form.requestSubmit();
  }
  function click(id) {
    const el = document.getElementById(id);
    if (el) el.click();
  }
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    if (typing(e)) { if (e.key === "Escape") e.target.blur(); return; }
    if (dialogOpen()) return; // Escape closes the dialog; everything else waits
    const inCase = !!document.querySelector(".case-layout");
    switch (e.key) {
      case "j": move(1); break;
      case "k": move(-1); break;
      case "o": open(current(), false); break;
      case "Enter": if (onControl(e)) return; open(current(), false); break;
      case "x": {
        const r = current();
        const box = r && r.querySelector('input[name="case"]');
        if (box) { box.checked = !box.checked; updateCount(); }
        break;
      }
      case "/": { const s = document.getElementById("search"); if (s) { e.preventDefault(); s.focus(); s.select(); } break; }
      case "a": if (inCase) click("assign-me"); break;
      case "c": if (inCase) post("close-form"); break;
      case "t": if (inCase) { const t = document.getElementById("tag-input"); if (t) { e.preventDefault(); t.focus(); } } break;
      case "u": { const b = document.getElementById("back"); if (b) window.location.href = b.href; break; }
      case "?": { const d = document.getElementById("help"); if (d && !d.open) d.showModal(); break; }
      default: return;
    }
  });

  function init() { restoreSelection(); updateCount(); formatDue(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
