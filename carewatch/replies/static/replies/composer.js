// The reply composer: choosing a template fills the reply with its words (variables already
// filled by the server); the send button waits while the lint reports a blocking finding.
// CSP-clean: no inline code, no eval.
(function () {
  "use strict";
  function form() { return document.getElementById("reply-form"); }
  function text() { return document.getElementById("reply-text"); }
  function sendButton() { return document.getElementById("send-reply"); }

  document.addEventListener("change", function (e) {
    const select = e.target;
    if (!select || select.id !== "reply-template") return;
    const option = select.options[select.selectedIndex];
    const words = option ? option.getAttribute("data-text") || "" : "";
    const area = text();
    if (!area) return;
    if (words || !area.value) area.value = words;
    area.focus();
    // The lint runs again for the new words and template (an htmx trigger on the textarea).
    area.dispatchEvent(new CustomEvent("reply:relint", { bubbles: true }));
  });

  document.addEventListener("htmx:afterSwap", function (e) {
    if (!e.detail.target || e.detail.target.id !== "lint-findings") return;
    const list = document.getElementById("findings");
    const button = sendButton();
    if (button) button.disabled = !!(list && list.getAttribute("data-blocked") === "1");
  });

  // Keyboard shortcuts of the inbox stay off while typing in the composer (carewatch.js checks the
  // focused element), and Ctrl/Cmd+Enter sends.
  document.addEventListener("keydown", function (e) {
    if (e.target !== text() || e.key !== "Enter" || !(e.ctrlKey || e.metaKey)) return;
    const button = sendButton();
    if (button && !button.disabled && form()) { e.preventDefault(); form().requestSubmit(button); }
  });
})();
