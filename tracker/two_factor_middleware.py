"""The second step of signing in, after the password: see tracker/two_factor_session.py."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property

from tracker.two_factor_session import two_factor_on


class TwoFactorMiddleware:
    """Send a signed-in user whose account has two-factor sign-in, and whose session has not yet
    passed the code step, to that step from every page; and, where OTP_REQUIRED_FOR_STAFF is
    on, a staff user without it to its set-up before the admin.

    Installed after django_otp's OTPMiddleware, which gives request.user.is_verified().
    """

    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def open_paths(self) -> set[str]:
        """Return the paths an unverified session may still reach: the code step itself, log
        out, and the files every page loads, which hold no one's data."""
        names = ["two_factor_verify", "logout", "service_worker", "web_manifest"]
        return {reverse(name) for name in names}

    @cached_property
    def admin_prefix(self) -> str:
        return reverse("admin:index")

    def __call__(self, request):
        if request.user.is_authenticated and not self._is_open(request.path):
            response = self._step_needed(request)
            if response is not None:
                return response
        return self.get_response(request)

    def _is_open(self, path: str) -> bool:
        return path in self.open_paths or path.startswith(f"/{settings.STATIC_URL.lstrip('/')}")

    def _step_needed(self, request):
        if two_factor_on(request):
            if request.user.is_verified():
                return None
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('two_factor_verify')}?{query}")
        if (
            settings.OTP_REQUIRED_FOR_STAFF
            and request.user.is_staff
            and request.path.startswith(self.admin_prefix)
        ):
            return redirect("two_factor_setup")
        return None
