/* Offline part of the service worker (#19), imported by /sw.js, which sets self.SW_*.

   - The static files the dashboard needs (self.SW_ASSETS) come from the cache first: their
     names change with their content in production, and the cache is renamed with every
     release (in development, with their modification times: config/views.py).
   - Pages always come from the network. Only the dashboard is kept, each time it loads, so it
     opens offline; there static/js/offline-log.js saves "Log a dose" on the phone. Any other
     page, or a form sent, without a connection gets the offline page.
   - The kept dashboard holds health data: it is dropped at logout and whenever the login page
     shows (the session ended), and with each new release. */
(function () {
  "use strict";
  const ASSETS = "offline-assets-" + self.SW_VERSION;
  const PAGES_PREFIX = "offline-pages-";
  const PAGES = PAGES_PREFIX + self.SW_VERSION;

  function withoutCookies(url) {
    // The offline page and the static files are the same for everyone: never keep a
    // signed-in rendering of them.
    return new Request(url, { credentials: "omit" });
  }

  function dropKeptPages() {
    return caches.keys().then((names) =>
      Promise.all(names.filter((n) => n.startsWith(PAGES_PREFIX)).map((n) => caches.delete(n)))
    );
  }

  // The copy is marked, so the page knows it is not live (offline-log.js says so and when it
  // was made). Headers are kept: the copy runs under the same Content-Security-Policy.
  async function keepDashboard(response) {
    const html = (await response.text()).replace("<html ", '<html data-offline-copy="1" ');
    const headers = new Headers(response.headers);
    headers.delete("Content-Length");
    const cache = await caches.open(PAGES);
    await cache.put(self.SW_DASHBOARD_URL, new Response(html, { status: 200, headers: headers }));
  }

  async function refreshDashboard() {
    // Right after install, so the dashboard the person is looking at opens offline too.
    try {
      const response = await fetch(self.SW_DASHBOARD_URL, { credentials: "same-origin" });
      if (response.ok && !response.redirected) await keepDashboard(response);
    } catch (error) {
      // Offline already: it is kept at the next visit.
    }
  }

  async function offlinePage() {
    const cache = await caches.open(ASSETS);
    const page = await cache.match(self.SW_OFFLINE_URL);
    return page || new Response("No connection.", { status: 503, headers: { "Content-Type": "text/plain" } });
  }

  async function openPage(event, url) {
    const isDashboard = url.pathname === self.SW_DASHBOARD_URL;
    if (url.pathname === self.SW_LOGIN_URL) event.waitUntil(dropKeptPages());
    try {
      const response = await fetch(event.request);
      if (isDashboard && response.ok && response.type === "basic") {
        event.waitUntil(keepDashboard(response.clone()));
      }
      return response;
    } catch (error) {
      if (isDashboard) {
        const cache = await caches.open(PAGES);
        const kept = await cache.match(self.SW_DASHBOARD_URL, { ignoreSearch: true, ignoreVary: true });
        if (kept) return kept;
      }
      return offlinePage();
    }
  }

  // Logging out drops the kept dashboard first, but never waits on a stalled cache for long:
  // the login page drops it again when it shows.
  function dropKeptPagesWithin(ms) {
    return Promise.race([dropKeptPages(), new Promise((resolve) => setTimeout(resolve, ms))]);
  }

  async function sendForm(event, url) {
    if (url.pathname === self.SW_LOGOUT_URL) await dropKeptPagesWithin(3000);
    try {
      return await fetch(event.request);
    } catch (error) {
      return offlinePage();
    }
  }

  // Only the files kept at install come from the cache; the rest, for pages that need the
  // network anyway, are never kept, so none goes stale between releases.
  async function staticFile(request) {
    const kept = await caches.match(request, { cacheName: ASSETS, ignoreVary: true });
    return kept || fetch(request);
  }

  self.addEventListener("install", (event) => {
    const urls = self.SW_ASSETS.concat([self.SW_OFFLINE_URL]);
    event.waitUntil(
      caches
        .open(ASSETS)
        .then((cache) => cache.addAll(urls.map(withoutCookies)))
        .then(() => self.skipWaiting())
    );
  });

  self.addEventListener("activate", (event) => {
    event.waitUntil(
      caches
        .keys()
        .then((names) => {
          const old = names.filter((n) => n.startsWith("offline-") && n !== ASSETS && n !== PAGES);
          return Promise.all(old.map((n) => caches.delete(n)));
        })
        .then(() => self.clients.claim())
        .then(refreshDashboard)
    );
  });

  self.addEventListener("fetch", (event) => {
    const request = event.request;
    const url = new URL(request.url);
    if (url.origin !== self.location.origin) return;
    if (request.mode === "navigate") {
      event.respondWith(request.method === "GET" ? openPage(event, url) : sendForm(event, url));
    } else if (request.method === "GET" && url.pathname.startsWith(self.SW_STATIC_URL)) {
      event.respondWith(staticFile(request));
    }
  });
})();
