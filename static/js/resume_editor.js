// The resume editor (resumes/edit.html): after htmx swaps the editor in, put focus back on the
// entry or bullet the user was working on, so keyboard and screen-reader users don't start
// again from the top. Without JavaScript the forms post and the page reloads at that anchor.
(function () {
  function restoreFocus(event) {
    // Only when the whole editor was swapped (a saved change), never for the lint while typing.
    const swapped = event.detail && event.detail.target;
    if (!swapped || swapped.id !== "editor") return;
    const editor = document.getElementById("editor");
    if (!editor) return;
    const target = editor.dataset.focus && document.getElementById(editor.dataset.focus);
    if (target) {
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: "nearest" });
    }
  }
  document.addEventListener("htmx:afterSettle", restoreFocus);
})();
