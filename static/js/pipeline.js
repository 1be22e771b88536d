// Drag and drop for the pipeline board. Each card also has a Move form that works by
// keyboard and without JavaScript; dropping a card submits the same request.
(function () {
  let dragged = null;

  function csrfToken() {
    const headers = JSON.parse(document.body.getAttribute("hx-headers") || "{}");
    return headers["X-CSRFToken"] || "";
  }

  function announce(text) {
    const status = document.getElementById("board-status");
    if (status) status.textContent = text;
  }

  document.addEventListener("dragstart", (event) => {
    const card = event.target.closest && event.target.closest(".board-card");
    if (!card) return;
    dragged = card;
    card.setAttribute("aria-grabbed", "true");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.id);
  });

  document.addEventListener("dragend", () => {
    if (dragged) dragged.removeAttribute("aria-grabbed");
    document.querySelectorAll(".column--target").forEach((c) => c.classList.remove("column--target"));
  });

  document.addEventListener("dragover", (event) => {
    const column = event.target.closest && event.target.closest(".column");
    if (!column || !dragged) return;
    event.preventDefault();
    document.querySelectorAll(".column--target").forEach((c) => c !== column && c.classList.remove("column--target"));
    column.classList.add("column--target");
  });

  document.addEventListener("drop", async (event) => {
    const column = event.target.closest && event.target.closest(".column");
    if (!column || !dragged) return;
    event.preventDefault();
    const card = dragged;
    dragged = null;
    column.classList.remove("column--target");
    if (card.closest(".column") === column) return;
    const body = new URLSearchParams({ stage: column.dataset.stage, from: "board" });
    const response = await fetch(card.dataset.moveUrl, {
      method: "POST",
      headers: { "X-CSRFToken": csrfToken(), "HX-Request": "true" },
      body,
    });
    if (!response.ok) {
      announce("The move failed. Reload the page and try again.");
      return;
    }
    const html = await response.text();
    document.getElementById("board").outerHTML = html;
    const board = document.getElementById("board");
    // The server may refuse a move (a stage that needs a date first...): say its words then.
    const refused = board.querySelector(".message--error");
    const label = column.querySelector("h2").firstChild.textContent.trim();
    announce(refused ? refused.textContent.trim() : `Moved ${card.dataset.name} to ${label}.`);
    htmx.process(board);
  });

  // After Move (a card's form, swapped by htmx), the keyboard stays on the moved card instead
  // of falling back to the top of the page, and the live region reads out what the server said
  // (it may have refused the move: then the card is where it was, and so is the keyboard).
  // On afterSwap, not afterSettle: until htmx settles, the focused button is already gone.
  let moving = null;
  document.addEventListener("htmx:beforeRequest", (event) => {
    const card = event.detail.elt.closest && event.detail.elt.closest(".board-card");
    moving = card ? card.id : null;
  });
  document.addEventListener("htmx:afterRequest", (event) => {
    if (!moving || event.detail.successful) return;
    moving = null;
    announce("The move did not go through. Check your connection and try again.");
  });
  document.addEventListener("htmx:afterSwap", (event) => {
    if (!moving || event.detail.elt.id !== "board") return;
    const card = document.getElementById(moving);
    moving = null;
    const said = [...event.detail.elt.querySelectorAll(".message")].map((m) => m.textContent.trim());
    announce(said.join(" "));
    const select = card && card.querySelector("select");
    if (select) select.focus();
  });
})();
