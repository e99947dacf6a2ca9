from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Medication tracker: reference data"
admin.site.site_title = "Reference data admin"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("tracker.urls_accounts")),
    path("drugs/", include("drugs.urls")),
    path("", include("tracker.urls")),
]
