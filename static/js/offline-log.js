// Offline dose logging on the dashboard (#19). Without a connection, or on the copy of the
// dashboard the service worker kept, "Log a dose" saves the dose on this phone
// (static/js/offline-queue.js) with the time of the tap and a new client token. When the
// connection returns it is sent (POST /doses/sync/): the server records it once per token, at
// that time, checks it against the limits and answers what the rules find, shown here.
(function () {
  "use strict";
  var root = document.getElementById("offline-log");
  var user = document.documentElement.dataset.user;
  if (!root || !user || !window.OfflineQueue) return;
  var isCopy = document.documentElement.dataset.offlineCopy === "1";
  var notice = root.querySelector(".offline-notice");
  var status = root.querySelector(".offline-status");
  var section = root.querySelector(".offline-queue");
  var waitingList = root.querySelector(".offline-waiting");
  var resultList = root.querySelector(".offline-results");
  var courses = {};
  root.querySelectorAll(".offline-courses li").forEach(function (li) {
    courses[li.dataset.course] = li.dataset;
  });
  var syncing = false;

  function newToken() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    // Outside a secure context there is no randomUUID: the same version-4 layout by hand.
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var hex = Array.from(b, function (x) { return x.toString(16).padStart(2, "0"); }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function when(iso) {
    return new Date(iso).toLocaleString([], {
      weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit",
    });
  }

  function describe(entry) {
    return entry.amount_mg + " mg of " + entry.drug + " taken " + when(entry.taken_at);
  }

  function doses(n) {
    return n + (n === 1 ? " dose" : " doses");
  }

  function say(text, link) {
    status.replaceChildren(text);
    if (link) {
      var a = document.createElement("a");
      a.href = link.href;
      a.textContent = link.text;
      status.append(" ", a);
    }
    status.className = text ? "alert alert-info offline-status" : "offline-status";
  }

  function showNotice() {
    var offline = !navigator.onLine;
    notice.hidden = !(offline || isCopy);
    if (notice.hidden) return;
    var made = when(root.dataset.renderedAt);
    var text = offline ? "You are offline. " : "The connection is back. ";
    if (isCopy) {
      text += "This is your dashboard as this phone kept it on " + made + ": it shows nothing " +
        "since then, not even the doses waiting below, and its advice may be out of date. ";
    }
    text += offline
      ? "“Log a dose” saves the dose on this phone; it is sent, and checked against your limits, " +
        "when the connection returns."
      : "Reload for your current dashboard.";
    notice.replaceChildren(text);
  }

  function render() {
    return OfflineQueue.forUser(user).then(function (entries) {
      waitingList.replaceChildren();
      entries.forEach(function (entry) {
        var li = document.createElement("li");
        li.className = "mb-2 offline-dose" + (entry.refused ? " offline-refused text-danger-emphasis" : "");
        li.dataset.token = entry.token;
        li.append(describe(entry) + (entry.refused
          ? ": not recorded. " + entry.refused + " "
          : ": saved on this phone, will sync. "));
        var discard = document.createElement("button");
        discard.type = "button";
        discard.className = "btn btn-sm btn-outline-secondary offline-discard";
        discard.textContent = "Discard";
        discard.setAttribute("aria-label", "Discard the " + describe(entry) + " from this phone");
        discard.addEventListener("click", function () {
          OfflineQueue.remove(entry.token).then(render);
        });
        li.append(discard);
        waitingList.append(li);
      });
      section.hidden = entries.length === 0 && resultList.children.length === 0;
      // Once everything is sent, the box holds only what the server said about it.
      section.querySelector("#offline-queue-title").textContent =
        entries.length === 0 ? "Sent from this phone" : "Waiting to sync";
      return entries;
    });
  }

  function showResult(result) {
    var li = document.createElement("li");
    li.className = "mb-2 offline-result offline-result-" + result.result.replace("_", "-");
    li.append(result.message);
    if (result.findings && result.findings.length) {
      var list = document.createElement("ul");
      result.findings.forEach(function (finding) {
        var item = document.createElement("li");
        item.className = "finding-" + finding.level;
        item.textContent = finding.label + ": " + finding.message;
        list.append(item);
      });
      li.append(list);
    }
    resultList.append(li);
  }

  function csrfToken() {
    // The cookie, not the page's field: a page kept offline may be older than the last sign-in.
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function answered(response, waiting) {
    var n = waiting.length;
    if (response.type === "opaqueredirect" || response.status === 401 || response.status === 403) {
      say("You are signed out: sign in to send " + doses(n) + " waiting on this phone.",
        { href: root.dataset.loginUrl, text: "Sign in" });
      return;
    }
    if (!response.ok) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        say("Not sent: " + (body.error || "the server could not take them now.") + " " +
          doses(n) + " still waiting on this phone; they are sent again later.");
      });
    }
    return response.json().then(function (body) {
      var byToken = {};
      waiting.forEach(function (entry) { byToken[entry.token] = entry; });
      var refused = 0;
      var stored = body.results.map(function (result) {
        var entry = byToken[result.token];
        if (!entry) return null;
        if (result.result === "refused") {
          // Kept in the list above with its reason, until the patient discards it.
          refused += 1;
          entry.refused = result.message;
          return OfflineQueue.put(entry);
        }
        showResult(result);
        return OfflineQueue.remove(entry.token);
      });
      return Promise.all(stored).then(function () {
        var sent = n - refused;
        say("Synced: " + doses(sent) + " sent" + (refused ? ", " + refused + " not recorded (see why below)" : "") +
          ". This page does not count them yet:", { href: location.pathname, text: "reload the dashboard" });
      });
    });
  }

  function sync() {
    if (syncing || !navigator.onLine) return Promise.resolve();
    syncing = true;
    return OfflineQueue.forUser(user)
      .then(function (entries) {
        var waiting = entries.filter(function (entry) { return !entry.refused; });
        if (!waiting.length) return;
        var body = JSON.stringify({
          doses: waiting.map(function (e) {
            return { token: e.token, course: e.course, taken_at: e.taken_at, amount_mg: e.amount_mg, shown_on: e.shown_on };
          }),
        });
        return fetch(root.dataset.syncUrl, {
          method: "POST",
          credentials: "same-origin",
          redirect: "manual",
          headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
          body: body,
        }).then(
          function (response) { return answered(response, waiting); },
          function () {
            say("No connection: " + doses(waiting.length) + " still waiting on this phone. They are sent when the connection returns.");
          }
        );
      })
      .catch(function () {
        say("The doses saved on this phone could not be read or updated; nothing was lost on the server.");
      })
      .then(function () {
        syncing = false;
        return render();
      });
  }

  function saveOnPhone(form) {
    var info = courses[form.elements.course.value];
    if (!info) return;
    var entry = {
      token: newToken(),
      user: user,
      course: Number(form.elements.course.value),
      drug: info.drug,
      amount_mg: info.amountMg,
      taken_at: new Date().toISOString(),
      shown_on: root.dataset.today,
      saved_at: new Date().toISOString(),
      refused: "",
    };
    var buttons = form.querySelectorAll("button[type=submit]");
    buttons.forEach(function (button) { button.disabled = true; });
    OfflineQueue.add(entry)
      .then(function () {
        say("Saved on this phone, will sync: " + describe(entry) + ". It is not on the server " +
          "yet, and this page does not count it: it is sent, and checked against your limits, " +
          "when the connection returns.");
        return render();
      })
      .then(sync)
      .catch(function () {
        say("Could not save the dose on this phone (its storage is unavailable). Note the time " +
          "you took it and log it with “Log a different amount or time” once online.");
      })
      .then(function () {
        // A double tap saves one dose; a later dose, still offline, can be saved again.
        setTimeout(function () { buttons.forEach(function (button) { button.disabled = false; }); }, 2000);
      });
  }

  // In the capture phase, before submit-once.js: offline, the form is never sent.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (new URL(form.action, location.href).pathname !== root.dataset.logUrl) return;
    if (navigator.onLine && !isCopy) return; // online: the ordinary form, with its confirm step
    event.preventDefault();
    event.stopPropagation();
    saveOnPhone(form);
  }, true);

  if (isCopy) {
    // Its messages ("Recorded …", Undo) were about that moment, not now.
    document.querySelectorAll("#main > .alert").forEach(function (alert) { alert.remove(); });
  }
  window.addEventListener("online", function () { showNotice(); sync(); });
  window.addEventListener("offline", showNotice);
  showNotice();
  render().then(sync);
})();
