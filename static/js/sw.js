// The service worker: the capture page opens from the home screen without a connection.
// Pages are fetched from the network first and kept as the fallback; static files (their
// names carry a hash) come from the cache. Uploads are never cached or replayed here: the
// capture page queues photos taken offline itself (cards_capture.js).
const CACHE = "coffeechat-v1";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(caches.open(CACHE).then((cache) => cache.match(request).then(
      (hit) => hit || fetch(request).then((response) => {
        if (response.ok) cache.put(request, response.clone());
        return response;
      }))));
  } else if (request.mode === "navigate" && url.pathname === "/cards/") {
    event.respondWith(fetch(request).then((response) => {
      if (response.ok) caches.open(CACHE).then((cache) => cache.put(request, response.clone()));
      return response;
    }).catch(() => caches.match(request).then((hit) => hit || Response.error())));
  }
});
