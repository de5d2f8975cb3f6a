"""The second factor in tests: devices for named staff, and codes as their phones show them.

tests/conftest.py makes `Client.force_login` also pass the second step (a
confirmed authenticator app, as every real staff member has); a test about the
second step itself is marked `@pytest.mark.two_factor` and signs in as people do.
"""

from django.contrib.auth import get_user_model
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.two_factor import APP_DEVICE_NAME, new_recovery_codes, totp_code

_plain_force_login = Client.force_login


def app_of(user):
    """The user's authenticator app (made confirmed if there is none)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=True)
    return device


def code_for(user):
    """The six digits the user's phone shows now."""
    return totp_code(app_of(user).key)


def verified_force_login(client, user, backend=None):
    """force_login, then the second step as passed with the user's app."""
    _plain_force_login(client, user, backend)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = app_of(user).persistent_id
    session.save()


def fresh_code(user):
    """A code the second step takes now: the app's, or a recovery code if the app's
    code of these 30 seconds was used already (an app's code is good once)."""
    device = app_of(user)
    step = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).t()
    if device.last_t >= step:
        return new_recovery_codes(user)[0]
    return totp_code(device.key)


def both_steps(client, login_url, data):
    """The password form posted, then, if it passed, the second step with the user's app.

    The last response: the form again (200), the lockout (429), or the way on (302).
    """
    response = client.post(login_url, data)
    if response.status_code == 302 and response["Location"].startswith("/admin/second-factor/"):
        user = get_user_model().objects.get(username=data["username"])
        response = client.post(response["Location"], {"code": fresh_code(user)})
    return response
