/* Settings: turn Web Push on or off for this device (templates/tracker/settings/push.html).
   Subscribing needs the browser's push service; offline, or where it is blocked, subscribe()
   can fail or never settle, so every step has a time limit and a failure says so, offering the
   calendar feed and e-mail reminders instead. */
(function () {
  const box = document.querySelector(".push-device");
  if (!box) return;
  const statusLine = box.querySelector(".push-status");
  const fallback = box.querySelector(".push-fallback");
  const TIME_LIMIT_MS = 5000;

  function say(message) {
    statusLine.textContent = message;
  }

  function failed(message) {
    say(message);
    fallback.hidden = false;
  }

  function withinTimeLimit(promise, what) {
    return Promise.race([
      promise,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(what + " did not answer in time")), TIME_LIMIT_MS),
      ),
    ]);
  }

  function applicationServerKey(base64url) {
    const base64 = (base64url + "=".repeat((4 - (base64url.length % 4)) % 4))
      .replace(/-/g, "+")
      .replace(/_/g, "/");
    return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  }

  function post(url, body) {
    const csrf = box.querySelector("input[name=csrfmiddlewaretoken]").value;
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(body),
      credentials: "same-origin",
    }).then((response) => response.json().then((answer) => ({ ok: response.ok, answer })));
  }

  async function registration() {
    if (!("serviceWorker" in navigator) || !("PushManager" in window) || !window.Notification) {
      throw new Error("this browser does not support push notifications");
    }
    return withinTimeLimit(navigator.serviceWorker.ready, "The service worker");
  }

  async function turnOn() {
    say("Turning notifications on…");
    fallback.hidden = true;
    try {
      const reg = await registration();
      // No time limit here: the patient may take their time over the browser's question.
      const permission = await Notification.requestPermission();
      if (permission !== "granted") {
        failed("Notifications are blocked for this site in your browser's settings.");
        return;
      }
      const subscription = await withinTimeLimit(
        reg.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: applicationServerKey(box.dataset.pushKey),
        }),
        "The browser's push service",
      );
      const { ok, answer } = await post(box.dataset.subscribeUrl, subscription.toJSON());
      if (answer.error === "password_confirmation_required") {
        // Adding a device that receives health notices is a sensitive action (tracker/reauth.py):
        // confirm the password, come back here, and turn notifications on again.
        say("Confirm your password first; then turn notifications on again.");
        window.location.assign(answer.confirm_url);
        return;
      }
      if (!ok) {
        failed(answer.message || "The server refused this device.");
        return;
      }
      say(answer.message);
      window.location.reload();
    } catch (error) {
      failed("Could not turn notifications on: " + error.message + ".");
    }
  }

  async function turnOff() {
    say("Turning notifications off…");
    try {
      const reg = await registration();
      const subscription = await withinTimeLimit(reg.pushManager.getSubscription(), "Push");
      if (!subscription) {
        say("This device was not receiving notifications.");
        return;
      }
      const { answer } = await post(box.dataset.unsubscribeUrl, { endpoint: subscription.endpoint });
      await subscription.unsubscribe();
      say(answer.message);
      window.location.reload();
    } catch (error) {
      say("Could not turn notifications off: " + error.message + ".");
    }
  }

  box.querySelector("[data-push=on]").addEventListener("click", turnOn);
  box.querySelector("[data-push=off]").addEventListener("click", turnOff);
})();
