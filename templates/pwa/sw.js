{% load static %}/* The service worker, served at /sw.js so its scope is the whole site. Its parts live in
   static files: offline caching and queued doses (sw-offline.js), Web Push and notification
   actions (sw-push.js). Rendered by Django only to give them their hashed static addresses. */
self.SW_VERSION = "{{ version }}";
self.SW_ASSETS = {{ assets|safe }};
self.SW_OFFLINE_URL = "{{ offline_url }}";
importScripts("{% static 'js/sw-offline.js' %}", "{% static 'js/sw-push.js' %}");
