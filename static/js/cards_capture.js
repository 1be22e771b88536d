// Event mode: a photo taken with the camera button is sent at once, so the next card is one
// tap away. Without JavaScript the "Read cards" button does the same.
document.addEventListener("change", (event) => {
  const input = event.target;
  if (!input.matches(".capture__camera input[type=file]") || !input.files.length) return;
  const where = input.form.elements.event;
  if (!where.value.trim()) {
    where.focus(); // say where you are first; the photo stays selected
    return;
  }
  input.form.requestSubmit();
});
