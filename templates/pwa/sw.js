{% load static %}/* The service worker, served at /sw.js so its scope is the whole site. Its parts live in
   static files: offline caching (sw-offline.js), Web Push and notification actions
   (sw-push.js). Rendered by Django only to give them their hashed static addresses. */
self.SW_VERSION = "{{ version }}";
self.SW_ASSETS = {{ assets|safe }};
self.SW_OFFLINE_URL = "{{ offline_url }}";
self.SW_DASHBOARD_URL = "{{ dashboard_url }}";
self.SW_LOGIN_URL = "{{ login_url }}";
self.SW_LOGOUT_URL = "{{ logout_url }}";
self.SW_STATIC_URL = "{{ static_url }}";
importScripts("{% static 'js/sw-offline.js' %}", "{% static 'js/sw-push.js' %}");
