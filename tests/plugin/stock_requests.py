"""Run inside the stock Wagtail project (tests/plugin/test_stock_site.py): requests the
Samverka pages and the admin, prints one JSON line {path: [status, what it must show]}:
the public pages inside the host's own layout, the admin with the apps' menu."""

import json
import time

import django

django.setup()

from allauth.account.internal.flows.login import (  # noqa: E402
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402

# The stylesheet link of the host's own base.html: the page is wrapped in the host's layout.
HOST_LAYOUT = f"css/{settings.ROOT_URLCONF.split('.')[0]}.css".encode()
results = {}
client = Client()
for path in ["/organisations/", "/events/", "/organisations/volunteer/"]:
    response = client.get(path)
    results[path] = [response.status_code, HOST_LAYOUT in response.content]

user = get_user_model().objects.create_superuser("admin", "admin@example.org", "not-used-1")
client.force_login(user)
# The second factor allauth records after a TOTP code: staff pages need it (MFA per session).
session = client.session
now = time.time()
session[AUTHENTICATION_METHODS_SESSION_KEY] = [
    {"method": "password", "at": now},
    {"method": "mfa", "at": now, "type": "totp"},
]
session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
session.save()
response = client.get("/admin/")
# The admin's menu carries the associations' group: the apps' admin is there.
results["/admin/"] = [response.status_code, b"Collaboration platform" in response.content]
print(json.dumps(results))
