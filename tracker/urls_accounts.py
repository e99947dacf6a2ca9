from django.urls import include, path

from tracker.views import accounts

urlpatterns = [
    path("signup/", accounts.signup, name="signup"),
    # Before Django's own, which it replaces.
    path("password_reset/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path("two-factor/", include("tracker.urls_two_factor")),
    path("", include("django.contrib.auth.urls")),
]
