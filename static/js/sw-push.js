/* Web Push part of the service worker (#19): push and notificationclick handlers. */
