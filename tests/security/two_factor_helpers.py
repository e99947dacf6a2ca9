"""Shared by the two-factor tests: log in, compute the app's code, enrol through the services."""

from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD
from tracker.services.two_factor import two_factor_confirm, two_factor_start

IP = "10.0.0.1"


def app_code(device: TOTPDevice) -> str:
    """Return the code an authenticator app shows now for this device's secret."""
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def enrol(user) -> tuple[TOTPDevice, list[str]]:
    """Turn two-factor sign-in on for the user, as the set-up page does."""
    device = two_factor_start(user=user)
    return two_factor_confirm(user=user, code=app_code(device))


def log_in(client, username, password=PASSWORD, ip=IP):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def send_code(client, code, next_url="/", ip=IP):
    return client.post(
        reverse("two_factor_verify"), {"code": code, "next": next_url}, REMOTE_ADDR=ip
    )
