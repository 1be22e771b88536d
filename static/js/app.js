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

// On a phone the main navigation is one row that scrolls sideways: show the current section
// (Progress, the last one, would otherwise sit off the screen's edge).
(() => {
  const current = document.querySelector(".site-nav [aria-current=page]");
  const row = current && current.closest(".site-nav");
  if (!row || row.scrollWidth <= row.clientWidth) return;
  const offset = current.getBoundingClientRect().left - row.getBoundingClientRect().left;
  row.scrollLeft += offset - (row.clientWidth - current.offsetWidth) / 2;
})();
