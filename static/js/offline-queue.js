// The doses logged on the dashboard without a connection, kept in IndexedDB on this phone until
// the server has them (static/js/offline-log.js sends them). Each is filed under the signed-in
// user's id, so on a shared phone one person's doses are never sent or shown as another's.
// An entry: {token, user, course, drug, amount_mg, taken_at, shown_on, saved_at, refused}.
window.OfflineQueue = (function () {
  "use strict";
  var NAME = "course-tracker-offline";
  var STORE = "waiting-doses";
  var opening = null;

  function open() {
    if (!window.indexedDB) return Promise.reject(new Error("IndexedDB is unavailable"));
    if (!opening) {
      opening = new Promise(function (resolve, reject) {
        var request = indexedDB.open(NAME, 1);
        request.onupgradeneeded = function () {
          var store = request.result.createObjectStore(STORE, { keyPath: "token" });
          store.createIndex("user", "user");
        };
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { reject(request.error); };
      });
    }
    return opening;
  }

  // Run `work` on the store; resolve with what it returns once the transaction is complete,
  // so a caller that goes on (a logout, a sync) knows the change is on disk.
  function run(mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var transaction = db.transaction(STORE, mode);
        var request = work(transaction.objectStore(STORE));
        transaction.oncomplete = function () { resolve(request ? request.result : undefined); };
        transaction.onerror = function () { reject(transaction.error); };
        transaction.onabort = function () { reject(transaction.error); };
      });
    });
  }

  function forUser(user) {
    return run("readonly", function (store) {
      return store.index("user").getAll(String(user));
    }).then(function (entries) {
      return entries.sort(function (a, b) { return a.taken_at < b.taken_at ? -1 : 1; });
    });
  }

  return {
    forUser: forUser,
    add: function (entry) {
      return run("readwrite", function (store) { return store.add(entry); });
    },
    put: function (entry) {
      return run("readwrite", function (store) { return store.put(entry); });
    },
    remove: function (token) {
      return run("readwrite", function (store) { return store.delete(token); });
    },
    removeForUser: function (user) {
      return forUser(user).then(function (entries) {
        return run("readwrite", function (store) {
          entries.forEach(function (entry) { store.delete(entry.token); });
        });
      });
    },
    countAll: function () {
      return run("readonly", function (store) { return store.count(); });
    },
  };
})();
