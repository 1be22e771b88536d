// Searchable choosers (templates/components/combobox.html): the WAI-ARIA combobox pattern.
// htmx fetches a few matches as you type; this file handles the keys (arrows, Enter, Escape),
// the choice, and the count announced in the live region. Without it the input is plain text
// that the server resolves.
(() => {
  const parts = (box) => ({
    input: box.querySelector(".combobox__input"),
    list: box.querySelector(".combobox__listbox"),
    hidden: box.querySelector("[data-combobox-id]"),
    status: box.querySelector("[data-combobox-status]"),
  });
  const options = (list) => Array.from(list.querySelectorAll("[role=option]"));

  function open(box, isOpen) {
    const { input, list } = parts(box);
    list.hidden = !isOpen;
    input.setAttribute("aria-expanded", isOpen ? "true" : "false");
    if (!isOpen) {
      input.removeAttribute("aria-activedescendant");
      options(list).forEach((o) => o.setAttribute("aria-selected", "false"));
    }
  }

  function activate(box, option) {
    const { input, list } = parts(box);
    options(list).forEach((o) => o.setAttribute("aria-selected", o === option ? "true" : "false"));
    if (option) {
      input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function choose(box, option) {
    const { input, hidden, status } = parts(box);
    input.value = option.dataset.value;
    if (hidden) hidden.value = option.dataset.id || "";
    box.dataset.chosen = input.value;
    open(box, false);
    status.textContent = `${option.dataset.value} chosen.`;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  // Only the typed text goes to the endpoint, as ?q=, whatever the input's own name.
  document.addEventListener("htmx:configRequest", (event) => {
    const box = event.detail.elt.closest && event.detail.elt.closest("[data-combobox]");
    if (!box || event.detail.elt !== parts(box).input) return;
    event.detail.parameters = { q: event.detail.elt.value };
  });

  document.addEventListener("htmx:afterSwap", (event) => {
    const box = event.target.closest && event.target.closest("[data-combobox]");
    if (!box) return;
    const { input, list, status } = parts(box);
    const found = options(list);
    found.forEach((o, i) => { o.id = `${list.id}-${i}`; });
    const more = list.querySelector("[data-more]") ? " or more" : "";
    status.textContent = found.length
      ? `${found.length}${more} match${found.length === 1 && !more ? "" : "es"}.`
      : (input.value.trim() ? "No match." : "");
    open(box, document.activeElement === input && list.children.length > 0);
  });

  document.addEventListener("input", (event) => {
    const box = event.target.closest && event.target.closest("[data-combobox]");
    if (!box || event.target !== parts(box).input) return;
    const { hidden } = parts(box);
    // Typing after a choice un-chooses it: the server then resolves the text.
    if (hidden && event.target.value !== box.dataset.chosen) hidden.value = "";
  });

  document.addEventListener("keydown", (event) => {
    const box = event.target.closest && event.target.closest("[data-combobox]");
    if (!box || event.target !== parts(box).input) return;
    const { input, list } = parts(box);
    const found = options(list);
    const current = found.findIndex((o) => o.id === input.getAttribute("aria-activedescendant"));
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!found.length) return;
      event.preventDefault();
      open(box, true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      const next = current < 0 ? (step > 0 ? 0 : found.length - 1)
        : (current + step + found.length) % found.length;
      activate(box, found[next]);
    } else if (event.key === "Enter" && !list.hidden && current >= 0) {
      event.preventDefault();  // choose, don't submit the form yet
      choose(box, found[current]);
    } else if (event.key === "Escape" && !list.hidden) {
      event.preventDefault();
      open(box, false);
    }
  });

  // mousedown, not click: choosing must happen before the input's blur closes the list.
  document.addEventListener("mousedown", (event) => {
    const option = event.target.closest && event.target.closest(".combobox__option");
    const box = option && option.closest("[data-combobox]");
    if (!box) return;
    event.preventDefault();
    choose(box, option);
  });

  document.addEventListener("focusout", (event) => {
    const box = event.target.closest && event.target.closest("[data-combobox]");
    if (box && event.target === parts(box).input) open(box, false);
  });
})();
