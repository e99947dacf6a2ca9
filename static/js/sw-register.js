/* Registers the service worker (served at the site root so it controls every page). */
(function () {
  if (!("serviceWorker" in navigator)) return;
  const url = document.documentElement.dataset.serviceWorker;
  if (!url) return;
  navigator.serviceWorker.register(url, { scope: "/" }).catch(() => {
    // Without a worker the site still works online; offline logging and push are unavailable.
  });
})();
