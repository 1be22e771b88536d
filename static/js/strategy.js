// The strategy page: "Insert" puts an evidence reference where the cursor is in the document
// (at the end when the document hasn't been clicked into yet). Without JavaScript the
// reference is shown beside each item, to copy.
document.addEventListener("DOMContentLoaded", () => {
  const body = document.querySelector("[data-strategy-body]");
  if (!body) return;
  let touched = false;
  body.addEventListener("focus", () => { touched = true; });
  document.querySelectorAll("[data-insert]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => {
      const token = button.dataset.insert;
      const start = touched ? body.selectionStart : body.value.length;
      const end = touched ? body.selectionEnd : start;
      const before = body.value.slice(0, start);
      const spacer = before && !/\s$/.test(before) ? " " : "";
      body.setRangeText(spacer + token, start, end, "end");
      touched = true;
      body.focus();
    });
  });
});
