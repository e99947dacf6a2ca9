from django.contrib import admin
from django.urls import include, path

from config.views import offline_page, ping, service_worker, web_manifest

handler404 = "config.views.page_not_found"

admin.site.site_header = "Medication tracker: reference data"
admin.site.site_title = "Reference data admin"

urlpatterns = [
    path("manifest.webmanifest", web_manifest, name="web_manifest"),
    path("sw.js", service_worker, name="service_worker"),
    path("offline/", offline_page, name="offline"),
    path("ping/", ping, name="ping"),
    path("admin/", admin.site.urls),
    path("accounts/", include("tracker.urls_accounts")),
    path("drugs/", include("drugs.urls")),
    path("", include("tracker.urls")),
]
