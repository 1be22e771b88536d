// A local backup for autosaved fields (prep/brief.html, live.html, after.html).
// htmx posts each field marked data-autosave as it changes. Until the server confirms a value,
// it is also kept in localStorage: after a reload, a closed tab, a lost connection or a refusal
// it is put back into its field, so nothing typed is lost. Works on top of plain forms:
// without JavaScript the Save button posts everything.
(function () {
  const form = document.querySelector("form[data-autosave-form]");
  if (!form) return;
  // The most one note keeps (MAX_NOTE_CHARS in coffeechat/prep/services.py): checked here
  // before sending, so a huge paste is never sent, refused and lost.
  const MAX_CHARS = 50000;
  const key = "coffeechat:autosave:" + form.getAttribute("action");
  // Fields the server refused as they are: kept on this device, not sent again until edited.
  const refused = new Set();
  let flushing = false;

  function load() {
    try { return JSON.parse(localStorage.getItem(key) || "{}"); } catch (e) { return {}; }
  }
  function store(pending) {
    try {
      if (Object.keys(pending).length) localStorage.setItem(key, JSON.stringify(pending));
      else localStorage.removeItem(key);
      return true;
    } catch (e) {  // the device's storage is full: say so rather than pretend it is kept
      say("This device has no room left to keep a copy: don't close the page until it says Saved.", true);
      return false;
    }
  }
  function valueOf(el) {
    return el.type === "checkbox" ? (el.checked ? "1" : "0") : el.value;
  }
  // The status line only ever shows words (textContent), never markup from a response.
  function say(text, problem) {
    const current = document.getElementById("autosave-status");
    if (!current) return;
    current.textContent = text;
    current.classList.toggle("autosave-status--problem", !!problem);
  }
  function isAutosaved(el) {
    return el && el.matches && el.matches("[data-autosave]") && form.contains(el);
  }
  function tooLong(value) {
    return typeof value === "string" && value.length > MAX_CHARS;
  }
  function tooLongSentence(value) {
    return `Not saved: this note is ${value.length.toLocaleString("en")} characters long and ` +
      `the limit is ${MAX_CHARS.toLocaleString("en")}. Shorten it: your text is kept on this ` +
      "device meanwhile.";
  }
  // A failed save in words: our own sentence (plain text), else what the status code means.
  function reason(status, contentType, text) {
    if (status === 400 && (contentType || "").startsWith("text/plain") && text) {
      return text.slice(0, 300) + " Your text is kept on this device.";
    }
    if (status === 400 || status === 413) {
      return "Not saved: the server refused this change, most likely because it is too large. " +
        "Your text is kept on this device.";
    }
    if (status === 403) {
      return "Not saved: your session has ended or the page is out of date. Your text is kept " +
        "on this device: reload the page (or sign in again) to send it.";
    }
    if (status === 404) return "Not saved: this conversation is no longer there. Your text is kept on this device.";
    if (status >= 500) return "Not saved: the server had a problem. Your text is kept on this device and sent again shortly.";
    return "Not saved yet: kept on this device, and sent again when the connection is back.";
  }
  function remember(el) {
    const pending = load();
    pending[el.name] = valueOf(el);
    store(pending);
  }
  // Forget a value only if it is still the one that was saved (typing may have gone on).
  function forget(saved) {
    const pending = load();
    Object.keys(saved).forEach((name) => {
      if (pending[name] === saved[name]) delete pending[name];
    });
    store(pending);
  }
  function csrfToken() {
    const headers = JSON.parse(document.body.getAttribute("hx-headers") || "{}");
    return headers["X-CSRFToken"] || "";
  }

  // Send everything still pending in one request (after a reconnect, a reload, or on leaving).
  async function flush(leaving, prefix) {
    const pending = load();
    const sendable = {};
    let held = "";
    Object.keys(pending).forEach((name) => {
      if (tooLong(pending[name])) held = tooLongSentence(pending[name]);
      else if (!refused.has(name)) sendable[name] = pending[name];
    });
    if (held) say((prefix || "") + held, true);
    if (!Object.keys(sendable).length || flushing) return;
    flushing = true;
    try {
      const response = await fetch(form.action, {
        method: "POST", body: new URLSearchParams(sendable), keepalive: !!leaving,
        headers: { "X-CSRFToken": csrfToken(), "HX-Request": "true" }, credentials: "same-origin",
      });
      if (response.ok) {
        forget(sendable);
        if (!held) say("Saved, including what you typed while offline.");
      } else {
        // Kept on the device; not retried until it changes (a refusal won't fix itself).
        if (response.status < 500) Object.keys(sendable).forEach((name) => refused.add(name));
        say(reason(response.status, response.headers.get("Content-Type"),
                   await response.text()), true);
      }
    } catch (e) {
      say("Offline: your changes are kept on this device and will be sent when you're back.", true);
    } finally {
      flushing = false;
    }
  }

  function changed(event) {
    if (!isAutosaved(event.target)) return;
    refused.delete(event.target.name);
    remember(event.target);
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  document.body.addEventListener("htmx:beforeRequest", (event) => {
    const el = event.detail.elt;
    if (!isAutosaved(el)) return;
    const value = valueOf(el);
    if (tooLong(value)) {  // never send what the server can't keep: keep it here and say why
      event.preventDefault();
      remember(el);
      say(tooLongSentence(value), true);
      return;
    }
    el.dataset.sending = value;
    say("Saving…");
  });
  document.body.addEventListener("htmx:afterRequest", (event) => {
    const el = event.detail.elt;
    if (!isAutosaved(el)) return;
    const xhr = event.detail.xhr;
    if (event.detail.successful) {
      forget({ [el.name]: el.dataset.sending });
    } else if (xhr && xhr.status) {
      if (xhr.status < 500) refused.add(el.name);
      say(reason(xhr.status, xhr.getResponseHeader("Content-Type"), xhr.responseText), true);
    } else {
      say("Not saved yet: kept on this device, and sent again when the connection is back.", true);
    }
  });

  // Put back what the server never got, say so, then send what can be sent.
  const pending = load();
  let restored = 0;
  form.querySelectorAll("[data-autosave]").forEach((el) => {
    if (!(el.name in pending)) return;
    if (valueOf(el) === pending[el.name]) return;
    if (el.type === "checkbox") el.checked = pending[el.name] === "1";
    else el.value = pending[el.name];
    restored += 1;
  });
  const note = restored
    ? `Restored ${restored} unsaved change${restored === 1 ? "" : "s"} from this device. ` : "";
  if (restored) say(note + "Saving…");
  flush(false, note);
  window.addEventListener("online", () => flush(false));
  window.addEventListener("pagehide", () => flush(true));
  setInterval(() => { if (navigator.onLine) flush(false); }, 10000);
})();
