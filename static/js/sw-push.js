/* Web Push part of the service worker (#19): show pushed notifications, answer their buttons.

   A dose notification's payload carries a single-use token and the URLs its buttons post to
   (tracker/services/push_actions.py). The buttons run self.handleNotificationAction, a named
   function so it can be run (and tested) without a click. */
const PUSH_ICON = "/static/icons/icon-192.png";

self.addEventListener("push", (event) => {
  let payload = {};
  try {
    payload = event.data ? event.data.json() : {};
  } catch (error) {
    payload = { body: event.data ? event.data.text() : "" };
  }
  const options = {
    body: payload.body || "",
    tag: payload.tag || undefined,
    // The notices of one dose time share a tag, so a newer one replaces the older on screen;
    // without renotify that replacement would arrive silently.
    renotify: Boolean(payload.tag),
    icon: payload.icon || PUSH_ICON,
    data: payload,
    actions: payload.actions || [],
  };
  event.waitUntil(self.registration.showNotification(payload.title || "Course tracker", options));
});

async function openApp(url) {
  try {
    return await self.clients.openWindow(url || "/");
  } catch (error) {
    return null; // outside a click the browser refuses to open windows; nothing else to do
  }
}

async function postAction(url, token) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ token: token }),
    credentials: "omit", // the token is the only credential these endpoints take
  });
  return response.json();
}

/* Run a notification's button ("taken", "snooze"; "" for a tap on the notification itself).
   Return the server's answer ({result, message, open, url}). When the rules stopped the dose,
   or it raised a warning, the app opens at the dashboard, where the finding is shown. */
self.handleNotificationAction = async function (action, data) {
  data = data || {};
  const url = action === "taken" ? data.taken_url : action === "snooze" ? data.snooze_url : null;
  if (!url || !data.token) {
    await openApp(data.url);
    return { result: "opened" };
  }
  let answer;
  try {
    answer = await postAction(url, data.token);
  } catch (error) {
    answer = { result: "error", message: "Could not reach the app: log the dose there.", open: true };
  }
  if (answer.open) {
    await openApp(answer.url || data.url);
  }
  await self.registration.showNotification(answer.result === "logged" ? "Dose recorded" : "Course tracker", {
    body: answer.message || "",
    tag: data.tag,
    icon: PUSH_ICON,
    data: { url: answer.url || data.url },
  });
  return answer;
};

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(self.handleNotificationAction(event.action, event.notification.data));
});
