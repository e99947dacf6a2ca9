from django.urls import include, path

from tracker.views import accounts, devices

urlpatterns = [
    path("signup/", accounts.signup, name="signup"),
    # Before Django's own, which they replace.
    path("login/", devices.LoginView.as_view(), name="login"),
    path("password_change/", devices.PasswordChangeView.as_view(), name="password_change"),
    path(
        "reset/<uidb64>/<token>/",
        devices.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("password_reset/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path("two-factor/", include("tracker.urls_two_factor")),
    path("confirm-password/", devices.password_confirm, name="password_confirm"),
    path("", include("django.contrib.auth.urls")),
]
