// The content calendar: drag a post to another day to move it. Only the date changes (the time
// of day stays); the server keeps the approvals because the content does not change. CSP-clean:
// no inline code, no eval, no CDN.
(function () {
  "use strict";
  function token() {
    const input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  function say(text) {
    const status = document.getElementById("calendar-status");
    if (status) status.textContent = text;
  }
  let dragged = null;
  document.addEventListener("dragstart", function (e) {
    const chip = e.target.closest ? e.target.closest(".chip[draggable=true]") : null;
    if (!chip) return;
    dragged = chip;
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData("text/plain", chip.getAttribute("data-post-id"));
  });
  document.addEventListener("dragover", function (e) {
    const day = dragged && e.target.closest ? e.target.closest("td.day") : null;
    if (!day) return;
    e.preventDefault();
    day.classList.add("drop-target");
  });
  document.addEventListener("dragleave", function (e) {
    const day = e.target.closest ? e.target.closest("td.day") : null;
    if (day) day.classList.remove("drop-target");
  });
  document.addEventListener("drop", function (e) {
    const day = dragged && e.target.closest ? e.target.closest("td.day") : null;
    if (!day) return;
    e.preventDefault();
    day.classList.remove("drop-target");
    const chip = dragged;
    dragged = null;
    const planned = day.getAttribute("data-date") + "T" + chip.getAttribute("data-time");
    const body = new URLSearchParams({ planned: planned });
    fetch(chip.getAttribute("data-reschedule"), {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": token(), "Accept": "application/json" },
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      if (result.ok && result.data.ok) {
        day.appendChild(chip);
        say("Moved to " + planned.replace("T", " ") + ". The approvals stay.");
      } else {
        say("Not moved: " + (result.data.error || "refused"));
      }
    }).catch(function () { say("Not moved: no answer from the server."); });
  });
})();
