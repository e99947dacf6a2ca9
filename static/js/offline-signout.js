// What this phone keeps for the person signed in (#19): the dashboard the service worker kept
// for offline use and the doses logged offline (static/js/offline-queue.js) hold health data.
// Logging out and deleting the account (its form is marked data-forget-offline) delete both,
// after a warning when doses have not reached the server yet: they are never dropped silently.
// Logging out also stops this browser's notifications: a signed-out phone must not go on
// showing dose notices, nor logging doses from their buttons. Elsewhere it says when doses
// wait on this phone to be sent.
(function () {
  "use strict";
  if (!window.OfflineQueue) return;
  var user = document.documentElement.dataset.user;
  // Logging out never waits longer than this on any one step: the push service, the server,
  // or this phone's storage (IndexedDB and the cache can stall on a busy phone).
  var STEP_TIME_LIMIT_MS = 3000;

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

  function withinTimeLimit(promise) {
    return Promise.race([
      promise,
      new Promise(function (_, reject) {
        setTimeout(function () { reject(new Error("no answer in time")); }, STEP_TIME_LIMIT_MS);
      }),
    ]);
  }

  // Tell the server to forget this browser's subscription (while the session still allows it),
  // then the push service. Best effort: a failure or a silent push service must not keep the
  // person signed in; a subscription the push service forgot is dropped by the server at its
  // next send anyway.
  function stopNotificationsHere(form) {
    var url = form.dataset.pushUnsubscribe;
    var csrf = form.querySelector("input[name=csrfmiddlewaretoken]");
    if (!url || !csrf || !("serviceWorker" in navigator)) return Promise.resolve();
    // getRegistration, not ready: ready never settles where no worker was registered.
    var stopping = navigator.serviceWorker.getRegistration().then(function (registration) {
      return registration && registration.pushManager
        ? registration.pushManager.getSubscription()
        : null;
    }).then(function (subscription) {
      if (!subscription) return;
      return fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf.value },
        body: JSON.stringify({ endpoint: subscription.endpoint }),
        credentials: "same-origin",
      }).catch(function () {}).then(function () { return subscription.unsubscribe(); });
    });
    return withinTimeLimit(stopping).catch(function () {});
  }

  function warnAtLogout(entries) {
    if (!entries.length) return true;
    return window.confirm(
      doses(entries.length) + " logged on this phone have not been recorded on the server yet. " +
      "Logging out deletes them from this phone.\n\nTo keep them, stay signed in and open the " +
      "dashboard when you are online: they are sent then.\n\nLog out and delete them?"
    );
  }

  function warnAtDeletion(entries) {
    if (!entries.length) return true;
    return window.confirm(
      doses(entries.length) + " logged on this phone have not been recorded on the server yet. " +
      "Deleting your account deletes them from this phone too.\n\nDelete them with your " +
      "account?"
    );
  }

  // Before the form leaves: the waiting doses (after `warn` agrees), then `alsoBefore`, then
  // the kept pages; the form is then sent as it would have been.
  function clearThisPhoneOnSubmit(form, warn, alsoBefore) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.cleared) return;
      event.preventDefault();
      // A step that does not answer in time is passed over, never waited on: doses it could
      // not read or delete stay on this phone under this person's id (shown to no one else,
      // sent at their next sign-in), and the kept dashboard goes when the login page shows.
      withinTimeLimit(OfflineQueue.forUser(user))
        .then(function (entries) {
          if (!warn(entries)) return false;
          return withinTimeLimit(OfflineQueue.removeForUser(user)).then(
            function () { return true; },
            function () { return true; }
          );
        }, function () {
          return true; // no storage on this phone, or no answer from it: nothing to warn about
        })
        .then(function (leave) {
          if (!leave) return;
          return alsoBefore(form)
            .then(function () { return withinTimeLimit(dropKeptPages()); })
            .catch(function () {})
            .then(function () {
              form.dataset.cleared = "1";
              form.submit();
            });
        });
    });
  }

  document.querySelectorAll('form[action$="/logout/"]').forEach(function (form) {
    clearThisPhoneOnSubmit(form, warnAtLogout, stopNotificationsHere);
  });
  // The account's subscriptions go with it on the server; this one is left alone here, as a
  // wrong password deletes nothing and should not turn notifications off.
  document.querySelectorAll("form[data-forget-offline]").forEach(function (form) {
    clearThisPhoneOnSubmit(form, warnAtDeletion, function () { return Promise.resolve(); });
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
