// Small progressive enhancements shared by every page. Everything works without them.
document.addEventListener("htmx:afterSwap", () => {
  // Messages rendered into a swapped fragment are announced by the live region.
  document.querySelectorAll("#messages .message").forEach((el) => el.remove());
});

// Copy buttons (scheduling reply, calendar feed address): <button data-copy="#field" hidden>.
// Hidden without JS, where the field itself is selectable and read-only.
document.querySelectorAll("button[data-copy]").forEach((button) => {
  const field = document.querySelector(button.dataset.copy);
  if (!field || !navigator.clipboard) return;
  button.hidden = false;
  const label = button.textContent;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      button.textContent = "Copied";
    } catch {
      field.select();  // no permission: select it so Ctrl+C works
      button.textContent = "Press Ctrl+C to copy";
    }
    setTimeout(() => { button.textContent = label; }, 2000);
  });
});

// A paste cut short by a field's maxlength is cut silently by the browser: say so beside the
// field, with how much was left out (issue 11: never change what the user typed unsaid).
document.addEventListener("paste", (event) => {
  const field = event.target;
  if (!(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement)) return;
  const limit = field.maxLength;
  const pasted = (event.clipboardData && event.clipboardData.getData("text")) || "";
  if (!(limit > 0) || !pasted) return;
  const kept = field.value.length - (field.selectionEnd - field.selectionStart);
  const lost = kept + pasted.length - limit;
  if (lost <= 0) return;
  const id = (field.id || field.name) + "-paste-cut";
  let note = document.getElementById(id);
  if (!note) {
    note = document.createElement("p");
    note.id = id;
    note.className = "paste-cut small";
    note.setAttribute("role", "status");
    field.insertAdjacentElement("afterend", note);
  }
  note.textContent = `Your paste was cut: this field takes ${limit.toLocaleString("en")} ` +
    `characters, so the last ${lost.toLocaleString("en")} were left out.`;
});

// After an action on Today's lists (They replied, Done, Dismiss...), the lists are swapped in
// place by htmx: keep the keyboard on the item that took the acted-on one's place (or its
// section's heading when none is left) instead of sending it back to the top of the page, and
// read out what happened.
(() => {
  // Only the lists' POST forms go through htmx (links stay plain links).
  function enhance() {
    const lists = document.querySelector("[data-stay-in-place]");
    if (!lists || !window.htmx) return;
    lists.querySelectorAll("form[method=post]:not([hx-post])").forEach((form) => {
      form.setAttribute("hx-post", form.getAttribute("action"));
    });
    htmx.process(lists);
  }
  enhance();

  // The page's own live region (there since the page loaded) says it: a status paragraph that
  // arrives inside a swapped fragment is not reliably read out. On screen the fragment's own
  // message stays beside the lists.
  function announce(text, { error = false } = {}) {
    const region = document.getElementById("messages");
    if (!region || !text) return;
    const note = document.createElement("p");
    note.className = error ? "message message--error" : "visually-hidden";
    note.textContent = text;
    region.replaceChildren(note);
  }

  let spot = null;
  document.addEventListener("htmx:beforeRequest", (event) => {
    const lists = document.getElementById("today-lists");
    const elt = event.detail.elt;
    if (!lists || !elt.closest || !lists.contains(elt)) return;
    // An item's own action, or a section's bulk action (then its heading gets the keyboard).
    const item = elt.closest(".item");
    const section = elt.closest("section[aria-labelledby]");
    spot = {
      index: item ? [...lists.querySelectorAll(".item")].indexOf(item) : -1,
      heading: section && section.getAttribute("aria-labelledby"),
    };
  });
  document.addEventListener("htmx:afterRequest", (event) => {
    if (!spot || event.detail.successful) return;
    spot = null;  // nothing was swapped: the page still shows how things stand
    announce("That did not go through: nothing was changed. Check your connection and try again.",
      { error: true });
  });
  // On afterSwap, not afterSettle: htmx settles some milliseconds later, and until then the
  // acted-on button is gone and the keyboard would sit on the page itself.
  document.addEventListener("htmx:afterSwap", (event) => {
    const lists = event.detail.elt;
    if (!spot || !lists || lists.id !== "today-lists") return;
    const { index, heading } = spot;
    spot = null;
    enhance();
    announce([...lists.querySelectorAll(".message")].map((m) => m.textContent.trim()).join(" "));
    const items = [...lists.querySelectorAll(".item")];
    const item = index >= 0 ? items[Math.min(index, items.length - 1)] : null;
    const target = (item && item.querySelector("a[href], button")) ||
      (heading && document.getElementById(heading)) || lists.querySelector("h2");
    if (!target) return;
    if (!target.matches("a[href], button")) target.tabIndex = -1;
    target.focus();
  });
})();

// The header's two pop-outs never cover each other on a phone: opening Menu folds Quick add
// (and opening Quick add folds Menu, which a tap outside it already does).
(() => {
  const menu = document.getElementById("site-menu");
  const quickAdd = document.querySelector(".site-header .quick-add");
  if (!menu || !quickAdd || !menu.hidePopover) return;
  menu.addEventListener("toggle", (event) => {
    if (event.newState === "open") quickAdd.open = false;
  });
  quickAdd.addEventListener("toggle", () => {
    if (quickAdd.open && menu.matches(":popover-open")) menu.hidePopover();
  });
})();
