from django.urls import path

from tracker.views import two_factor

urlpatterns = [
    path("verify/", two_factor.two_factor_verify, name="two_factor_verify"),
    path("start/", two_factor.two_factor_start, name="two_factor_start"),
    path("setup/", two_factor.two_factor_setup, name="two_factor_setup"),
    path("recovery-codes/", two_factor.two_factor_recovery_codes, name="two_factor_recovery_codes"),
    path(
        "recovery-codes/new/",
        two_factor.two_factor_recovery_codes_new,
        name="two_factor_recovery_codes_new",
    ),
    path("disable/", two_factor.two_factor_disable, name="two_factor_disable"),
]
