// The clock on the conversation page (prep/live.html): counts down to the agreed end and
// warns when time is up. Without JavaScript the page shows the end time instead.
(function () {
  const clock = document.querySelector("[data-clock]");
  if (!clock) return;
  const text = clock.querySelector("[data-clock-text]");
  const minutes = Number(clock.dataset.minutes || 0);
  const starts = clock.dataset.startsAt ? new Date(clock.dataset.startsAt) : new Date();
  const ends = clock.dataset.endsAt ? new Date(clock.dataset.endsAt)
    : new Date(starts.getTime() + minutes * 60000);
  const endLabel = clock.dataset.endLabel
    || ends.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const SOON = 2 * 60000;

  function format(ms) {
    const total = Math.max(0, Math.round(ms / 1000));
    // Days away: "5 days, 3:12:45" reads better than "123:12:45".
    if (total >= 86400) {
      const days = Math.floor(total / 86400);
      return `${days === 1 ? "1 day" : `${days} days`}, ${format((total % 86400) * 1000)}`;
    }
    const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
    const mm = String(m).padStart(h ? 2 : 1, "0"), ss = String(s).padStart(2, "0");
    return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
  }

  function tick() {
    const now = new Date();
    clock.classList.toggle("clock--soon", now < ends && ends - now <= SOON);
    clock.classList.toggle("clock--over", now >= ends);
    if (now < starts) text.textContent = `Starts in ${format(starts - now)} · ends at ${endLabel}`;
    else if (now < ends) text.textContent = `${format(ends - now)} left · ends at ${endLabel}`;
    else text.textContent = `Time's up (${endLabel}): offer to stop, or ask if they have five more minutes.`;
  }

  tick();
  setInterval(tick, 1000);
})();
