// A local backup for autosaved fields (prep/brief.html, live.html, after.html).
// htmx posts each field marked data-autosave as it changes. Until the server confirms a value,
// it is also kept in localStorage: after a reload, a closed tab or a lost connection it is put
// back into its field and sent again, so nothing typed is lost. Works on top of plain forms:
// without JavaScript the Save button posts everything.
(function () {
  const form = document.querySelector("form[data-autosave-form]");
  if (!form) return;
  const key = "coffeechat:autosave:" + form.getAttribute("action");
  const status = document.getElementById("autosave-status");
  let flushing = false;

  function load() {
    try { return JSON.parse(localStorage.getItem(key) || "{}"); } catch (e) { return {}; }
  }
  function store(pending) {
    if (Object.keys(pending).length) localStorage.setItem(key, JSON.stringify(pending));
    else localStorage.removeItem(key);
  }
  function valueOf(el) {
    return el.type === "checkbox" ? (el.checked ? "1" : "0") : el.value;
  }
  function say(text) {
    const current = document.getElementById("autosave-status") || status;
    if (current) current.textContent = text;
  }
  function isAutosaved(el) {
    return el && el.matches && el.matches("[data-autosave]") && form.contains(el);
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
  async function flush(leaving) {
    const pending = load();
    if (!Object.keys(pending).length || flushing) return;
    flushing = true;
    try {
      const response = await fetch(form.action, {
        method: "POST", body: new URLSearchParams(pending), keepalive: !!leaving,
        headers: { "X-CSRFToken": csrfToken(), "HX-Request": "true" }, credentials: "same-origin",
      });
      if (response.ok) {
        forget(pending);
        say("Saved, including what you typed while offline.");
      } else if (response.status === 400) {
        // The server can't take it (e.g. a question removed meanwhile): don't retry forever.
        forget(pending);
        say("Some offline changes couldn't be saved: " + (await response.text()));
      }
    } catch (e) {
      say("Offline: your changes are kept on this device and will be sent when you're back.");
    } finally {
      flushing = false;
    }
  }

  form.addEventListener("input", (event) => { if (isAutosaved(event.target)) remember(event.target); });
  form.addEventListener("change", (event) => { if (isAutosaved(event.target)) remember(event.target); });
  document.body.addEventListener("htmx:beforeRequest", (event) => {
    const el = event.detail.elt;
    if (isAutosaved(el)) el.dataset.sending = valueOf(el);
  });
  document.body.addEventListener("htmx:afterRequest", (event) => {
    const el = event.detail.elt;
    if (!isAutosaved(el)) return;
    if (event.detail.successful) {
      forget({ [el.name]: el.dataset.sending });
    } else {
      say("Not saved yet: kept on this device, and sent again when the connection is back.");
    }
  });

  // Put back what the server never got, then send it.
  const pending = load();
  let restored = 0;
  form.querySelectorAll("[data-autosave]").forEach((el) => {
    if (!(el.name in pending)) return;
    if (valueOf(el) === pending[el.name]) return;
    if (el.type === "checkbox") el.checked = pending[el.name] === "1";
    else el.value = pending[el.name];
    restored += 1;
  });
  if (restored) say(`Restored ${restored} unsaved change${restored === 1 ? "" : "s"} from this device. Saving…`);
  flush(false);
  window.addEventListener("online", () => flush(false));
  window.addEventListener("pagehide", () => flush(true));
  setInterval(() => { if (navigator.onLine) flush(false); }, 10000);
})();
