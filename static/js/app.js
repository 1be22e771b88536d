// Small progressive enhancements shared by every page. Everything works without them.
document.addEventListener("htmx:afterSwap", () => {
  // Messages rendered into a swapped fragment are announced by the live region.
  document.querySelectorAll("#messages .message").forEach((el) => el.remove());
});
