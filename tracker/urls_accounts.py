from django.urls import include, path

from tracker.views import accounts

urlpatterns = [
    path("signup/", accounts.signup, name="signup"),
    path("", include("django.contrib.auth.urls")),
]
