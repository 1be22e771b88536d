// Signing out forgets this browser's local copies of autosaved notes (autosave.js keeps each
// value under "coffeechat:autosave:<form address>" until the server confirms it), so whoever
// uses this browser next finds none of them. Values the server has not confirmed yet would be
// lost: the user is asked first.
(() => {
  const logout = document.currentScript && document.currentScript.dataset.signout;
  const PREFIX = "coffeechat:autosave:";
  if (!logout) return;

  const stores = () => {
    const found = [];
    for (const name of ["localStorage", "sessionStorage"]) {
      try { found.push(window[name]); } catch (e) { /* storage disabled */ }
    }
    return found;
  };
  const savedKeys = (store) => {
    const keys = [];
    for (let i = 0; i < store.length; i += 1) {
      const key = store.key(i);
      if (key && key.startsWith(PREFIX)) keys.push(key);
    }
    return keys;
  };

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    if (new URL(form.action, location.href).pathname !== logout) return;
    const unsent = stores().reduce((n, store) => n + savedKeys(store).length, 0);
    if (unsent && !window.confirm("Some notes typed in this browser haven't reached the " +
        "server yet. Signing out deletes them from this browser. Sign out anyway?")) {
      event.preventDefault();
      return;
    }
    stores().forEach((store) => savedKeys(store).forEach((key) => store.removeItem(key)));
  });
})();
