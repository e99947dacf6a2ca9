// What this phone keeps for the person signed in (#19): the dashboard the service worker kept
// for offline use and the doses logged offline (static/js/offline-queue.js) hold health data.
// Logging out deletes both, after a warning when doses have not reached the server yet: they
// are never dropped silently. Elsewhere it says when doses wait on this phone to be sent.
(function () {
  "use strict";
  if (!window.OfflineQueue) return;
  var user = document.documentElement.dataset.user;

  function doses(n) {
    return n + (n === 1 ? " dose" : " doses");
  }

  function dropKeptPages() {
    if (!window.caches) return Promise.resolve();
    return caches.keys().then(function (names) {
      var pages = names.filter(function (name) { return name.indexOf("offline-pages-") === 0; });
      return Promise.all(pages.map(function (name) { return caches.delete(name); }));
    });
  }

  function warnAtLogout(entries) {
    if (!entries.length) return true;
    return window.confirm(
      doses(entries.length) + " logged on this phone have not been recorded on the server yet. " +
      "Logging out deletes them from this phone.\n\nTo keep them, stay signed in and open the " +
      "dashboard when you are online: they are sent then.\n\nLog out and delete them?"
    );
  }

  document.querySelectorAll('form[action$="/logout/"]').forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.cleared) return;
      event.preventDefault();
      OfflineQueue.forUser(user)
        .then(function (entries) {
          if (!warnAtLogout(entries)) return false;
          return OfflineQueue.removeForUser(user).then(function () { return true; });
        }, function () {
          return true; // no storage on this phone: nothing was kept
        })
        .then(function (leave) {
          if (!leave) return;
          return dropKeptPages().catch(function () {}).then(function () {
            form.dataset.cleared = "1";
            form.submit();
          });
        });
    });
  });

  function notify(text, link) {
    var main = document.getElementById("main");
    if (!main || document.getElementById("offline-log")) return; // the dashboard says it itself
    var alert = document.createElement("p");
    alert.className = "alert alert-warning offline-waiting-notice";
    alert.append(text);
    if (link) {
      var a = document.createElement("a");
      a.href = link.href;
      a.textContent = link.text;
      alert.append(" ", a);
    }
    main.prepend(alert);
  }

  var counted = user
    ? OfflineQueue.forUser(user).then(function (entries) { return entries.length; })
    : OfflineQueue.countAll();
  counted.then(function (n) {
    if (!n) return;
    if (user) {
      notify(doses(n) + " logged on this phone " + (n === 1 ? "is" : "are") + " waiting to be sent:",
        { href: "/", text: "open the dashboard to send them" });
    } else {
      notify(doses(n) + " logged on this phone " + (n === 1 ? "is" : "are") +
        " waiting to be sent: sign in to send them.");
    }
  }, function () {});
})();
