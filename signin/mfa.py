"""The second factor: a TOTP app (django-otp) with static backup codes.

A password sign-in counts once `django_otp.login` has recorded a verified device in
the session (RequireSecondFactorMiddleware); sign-ins through OpenID Connect, marked
in the session by the OIDC sign-in, are left to the identity provider's MFA."""

import secrets
from base64 import b32encode

import segno
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

AUTH_METHOD = "raadsvolg_auth_method"
OIDC = "oidc"
APP_DEVICE = "authenticator"
BACKUP_DEVICE = "backup"
BACKUP_CODES = 10


def awaits_second_factor(request) -> bool:
    """A password sign-in whose second factor has not been verified yet."""
    user = request.user
    if not user.is_authenticated or request.session.get(AUTH_METHOD) == OIDC:
        return False
    return not user.is_verified()


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def pending_device(user) -> TOTPDevice:
    """The unconfirmed app being set up, made once and kept until it is confirmed, so
    reloading the page keeps the same key."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE, confirmed=False)


def manual_key(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for typing into an app."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// URL as an inline SVG QR code, made here: no outside service."""
    return segno.make(device.config_url, error="m").svg_inline(scale=5, border=2)


def verify(user, code: str):
    """The device of the user that accepts this code (app or backup code), or None.
    django-otp throttles each device after wrong codes."""
    code = "".join(code.split())
    for device in [
        *TOTPDevice.objects.devices_for_user(user, confirmed=True),
        *StaticDevice.objects.devices_for_user(user, confirmed=True),
    ]:
        if device.verify_is_allowed()[0] and device.verify_token(code):
            return device
    return None


@transaction.atomic
def new_backup_codes(user) -> list[str]:
    """Ten fresh single-use codes, replacing earlier ones; shown once."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=BACKUP_DEVICE)
    device.token_set.all().delete()
    codes = [f"{secrets.randbelow(10**8):08d}" for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


@transaction.atomic
def reset(user) -> None:
    """Forget every second factor of the user: they set up a new app at next sign-in."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
