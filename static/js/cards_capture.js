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

// Without a connection (a hall full of phones), photos wait in IndexedDB on this device and
// are uploaded, with the event they were taken at, as soon as the connection returns.
const DB_NAME = "coffeechat-cards";
const STORE = "photos";

function openQueue() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { autoIncrement: true });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function inStore(mode, work) {
  return openQueue().then((db) => new Promise((resolve, reject) => {
    const transaction = db.transaction(STORE, mode);
    const result = work(transaction.objectStore(STORE));
    transaction.oncomplete = () => resolve(result.result);
    transaction.onerror = () => reject(transaction.error);
  }));
}

function showQueue() {
  const status = document.getElementById("offline-queue");
  if (!status) return Promise.resolve(0);
  return inStore("readonly", (store) => store.count()).then((count) => {
    status.hidden = count === 0;
    const photos = count === 1 ? "1 photo is" : `${count} photos are`;
    status.textContent = navigator.onLine
      ? `Uploading: ${photos} waiting on this device…`
      : `No connection: ${photos} waiting on this device and will upload when it returns.`;
    return count;
  });
}

function queuePhotos(form) {
  const files = [...form.querySelectorAll("input[type=file]")].flatMap((input) => [...input.files]);
  const where = form.elements.event.value;
  return inStore("readwrite", (store) => {
    files.forEach((file) => store.add({ event: where, file, name: file.name }));
    return { result: files.length };
  }).then(() => {
    form.querySelectorAll("input[type=file]").forEach((input) => { input.value = ""; });
    return showQueue();
  });
}

let uploading = false;
function uploadQueue() {
  const form = document.querySelector("form.capture");
  if (!form || uploading || !navigator.onLine) return;
  uploading = true;
  const token = form.elements.csrfmiddlewaretoken.value;
  inStore("readonly", (store) => store.getAllKeys()).then(async (keys) => {
    let sent = 0;
    for (const key of keys) {
      const item = await inStore("readonly", (store) => store.get(key));
      const body = new FormData();
      body.append("csrfmiddlewaretoken", token);
      body.append("event", item.event);
      body.append("images", item.file, item.name);
      const response = await fetch(form.action, { method: "POST", body, credentials: "same-origin" });
      if (!response.ok) break; // kept for the next try; the page says so
      await inStore("readwrite", (store) => store.delete(key));
      sent += 1;
    }
    return sent;
  }).then((sent) => {
    uploading = false;
    if (sent) window.location.reload(); // the progress panel now counts the uploaded cards
    else showQueue();
  }, () => { uploading = false; showQueue(); });
}

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!form.matches("form.capture") || navigator.onLine || !window.indexedDB) return;
  event.preventDefault();
  if (!form.elements.event.value.trim()) {
    form.elements.event.focus();
    return;
  }
  queuePhotos(form);
});

if (window.indexedDB) {
  window.addEventListener("online", uploadQueue);
  window.addEventListener("offline", showQueue);
  document.addEventListener("DOMContentLoaded", () => showQueue().then(uploadQueue));
}
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js").catch(() => {}); // the page works without it
}
