// The composer (outreach/compose.html): a Copy button, a live character counter for LinkedIn
// notes and a mail-app link that follows the text. The page works without any of it: the lint
// runs through htmx (or the Check button), and the mail link is built on the server.
(function () {
  const form = document.getElementById("composer");
  if (!form) return;
  const field = (name) => form.elements.namedItem(name);
  const body = field("body");
  const copyButton = document.getElementById("copy-button");
  const copyStatus = document.getElementById("copy-status");

  function mailto() {
    const to = field("to_email") ? field("to_email").value : "";
    const subject = field("subject") ? field("subject").value : "";
    const text = body.value.replace(/\r?\n/g, "\r\n");
    return `mailto:${encodeURIComponent(to).replace("%40", "@")}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(text)}`;
  }

  function update() {
    const link = document.getElementById("mailto-link");
    if (link) link.href = mailto();
    // The server's counter arrives 400 ms after typing stops; this one keeps up meanwhile.
    const counter = document.getElementById("char-counter");
    if (counter) {
      const limit = Number(counter.dataset.limit);
      const length = body.value.trimEnd().length;
      counter.textContent = `${length} / ${limit} characters`;
      counter.classList.toggle("counter--over", length > limit);
    }
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(body.value);
    } catch (error) {
      // No clipboard API outside HTTPS: fall back to selecting the text and copying it.
      body.focus();
      body.select();
      if (!document.execCommand("copy")) {
        copyStatus.textContent = "Select the text and copy it with Ctrl+C.";
        return;
      }
    }
    copyStatus.textContent = "Copied. Paste it into your mail or LinkedIn, then choose “I sent it”.";
  }

  form.addEventListener("input", update);
  document.addEventListener("htmx:afterSwap", update);
  if (copyButton) {
    copyButton.hidden = false;
    copyButton.addEventListener("click", copy);
  }
})();
