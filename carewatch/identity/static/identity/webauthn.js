// Security keys and passkeys (WebAuthn): registering a key, the second factor at log-in, and
// re-authentication at signing. Talks to /account/2fa/webauthn/ with form posts (CSRF token from
// the form) and gets JSON back. CSP-clean: no inline script or style, no eval, nothing from a CDN.
(function () {
  "use strict";

  // ------------------------------------------------------------------ base64url <-> bytes
  function toBytes(b64url) {
    const b64 = b64url.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((b64url.length + 3) % 4);
    const text = atob(b64);
    const out = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
    return out.buffer;
  }
  function toB64url(buffer) {
    const bytes = new Uint8Array(buffer);
    let text = "";
    for (let i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function descriptors(list) {
    return (list || []).map(d => Object.assign({}, d, { id: toBytes(d.id) }));
  }
  function creationOptions(o) {
    return Object.assign({}, o, {
      challenge: toBytes(o.challenge),
      user: Object.assign({}, o.user, { id: toBytes(o.user.id) }),
      excludeCredentials: descriptors(o.excludeCredentials),
    });
  }
  function requestOptions(o) {
    return Object.assign({}, o, { challenge: toBytes(o.challenge), allowCredentials: descriptors(o.allowCredentials) });
  }
  function registrationJSON(cred) {
    const r = cred.response;
    return {
      id: cred.id, rawId: toB64url(cred.rawId), type: cred.type,
      authenticatorAttachment: cred.authenticatorAttachment || undefined,
      clientExtensionResults: cred.getClientExtensionResults ? cred.getClientExtensionResults() : {},
      response: {
        clientDataJSON: toB64url(r.clientDataJSON), attestationObject: toB64url(r.attestationObject),
        transports: r.getTransports ? r.getTransports() : [],
      },
    };
  }
  function assertionJSON(cred) {
    const r = cred.response;
    return {
      id: cred.id, rawId: toB64url(cred.rawId), type: cred.type,
      authenticatorAttachment: cred.authenticatorAttachment || undefined,
      clientExtensionResults: cred.getClientExtensionResults ? cred.getClientExtensionResults() : {},
      response: {
        clientDataJSON: toB64url(r.clientDataJSON), authenticatorData: toB64url(r.authenticatorData),
        signature: toB64url(r.signature), userHandle: r.userHandle ? toB64url(r.userHandle) : undefined,
      },
    };
  }

  // ------------------------------------------------------------------ talking to the server
  function csrf(form) {
    const field = form.querySelector('input[name="csrfmiddlewaretoken"]');
    return field ? field.value : "";
  }
  async function post(url, form, fields) {
    const body = new URLSearchParams();
    body.set("csrfmiddlewaretoken", csrf(form));
    Object.keys(fields || {}).forEach(k => body.set(k, fields[k]));
    const response = await fetch(url, { method: "POST", body: body, credentials: "same-origin",
                                        headers: { "Accept": "application/json" } });
    if (!response.ok) throw new Error("The server answered " + response.status + ".");
    const answer = await response.json();
    if (!answer.ok) throw new Error(answer.error || "Refused.");
    return answer;
  }
  function showError(form, error) {
    const box = form.querySelector(".passkey-error");
    const text = error && error.name === "NotAllowedError"
      ? "The security key was not used (cancelled or timed out)." : String((error && error.message) || error);
    if (box) { box.textContent = text; box.hidden = false; } else { window.alert(text); }
  }
  function supported(form) {
    if (window.PublicKeyCredential && navigator.credentials) return true;
    showError(form, "This browser cannot use security keys or passkeys.");
    return false;
  }
  function field(form, name) {
    const input = form.querySelector('[name="' + name + '"]');
    return input ? input.value : "";
  }

  // ------------------------------------------------------------------ register a key
  async function register(form) {
    const begin = await post(form.dataset.optionsUrl, form, {});
    const cred = await navigator.credentials.create({ publicKey: creationOptions(begin.options) });
    const done = await post(form.dataset.url, form, {
      credential: JSON.stringify(registrationJSON(cred)), name: field(form, "name"), next: field(form, "next"),
    });
    window.location.assign(done.redirect);
  }

  // ------------------------------------------------------------------ second factor at log-in
  async function logIn(form) {
    const begin = await post(form.dataset.optionsUrl, form, {});
    const cred = await navigator.credentials.get({ publicKey: requestOptions(begin.options) });
    const done = await post(form.dataset.url, form, {
      credential: JSON.stringify(assertionJSON(cred)), next: field(form, "next"),
    });
    window.location.assign(done.redirect);
  }

  function bind(selector, run) {
    document.querySelectorAll(selector).forEach(form => {
      if (form.dataset.passkeyBound) return;
      form.dataset.passkeyBound = "1";
      form.addEventListener("submit", e => {
        e.preventDefault();
        if (!supported(form)) return;
        const button = form.querySelector('button[type="submit"]');
        if (button) button.disabled = true;
        run(form).catch(err => { showError(form, err); if (button) button.disabled = false; });
      });
    });
  }

  // ------------------------------------------------------------------ re-authentication at signing
  // Every signing form (an input named "signature") gets a "Sign with your security key" button
  // when the user has one: the key's answer to a fresh signing challenge becomes the signature
  // field ("webauthn:" + JSON) and the form is submitted; the server checks it while signing.
  function signWithKey(input, url) {
    const form = input.form;
    if (!form || form.querySelector(".passkey-sign")) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "passkey-sign";
    button.textContent = "Sign with your security key";
    const error = document.createElement("span");
    error.className = "passkey-error";
    error.setAttribute("role", "alert");
    error.hidden = true;
    (input.closest("label") || input).after(button, error);
    button.addEventListener("click", () => {
      if (!supported(form)) return;
      button.disabled = true;
      (async () => {
        const begin = await post(url, form, {});
        const cred = await navigator.credentials.get({ publicKey: requestOptions(begin.options) });
        input.value = "webauthn:" + JSON.stringify(assertionJSON(cred));
        const submit = form.querySelector('button[type="submit"], button:not([type]), input[type="submit"]');
        if (form.requestSubmit) form.requestSubmit(submit || undefined); else form.submit();
      })().catch(err => { showError(form, err); button.disabled = false; });
    });
  }

  function start() {
    bind("form.passkey-register", register);
    bind("form.passkey-login", logIn);
    const meta = document.querySelector('meta[name="carewatch-passkey-sign"]');
    if (meta && window.PublicKeyCredential) {
      document.querySelectorAll('input[name="signature"]').forEach(input => signWithKey(input, meta.content));
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
  // Signing forms htmx swaps in later get their button too.
  document.addEventListener("htmx:afterSettle", start);
})();
