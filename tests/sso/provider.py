"""Run the test identity provider: `python tests/sso/provider.py <port>`.

Reads SSO_PROVIDER_DB, SSO_PROVIDER_KEY (RSA private key, PEM), SSO_CLIENT_ID,
SSO_CLIENT_SECRET, SSO_REDIRECT_URI and SSO_USERS ("username=email,..."), migrates the
database, creates the client and the people, and serves on 127.0.0.1:<port>.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ["DJANGO_SETTINGS_MODULE"] = "tests.sso.provider_settings"

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.servers.basehttp import run  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from oauth2_provider.models import get_application_model  # noqa: E402


def main(port: int) -> None:
    call_command("migrate", verbosity=0, interactive=False)
    Application = get_application_model()
    Application.objects.create(
        name="Samverka",
        client_id=os.environ["SSO_CLIENT_ID"],
        client_secret=os.environ["SSO_CLIENT_SECRET"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=os.environ["SSO_REDIRECT_URI"],
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    for entry in os.environ["SSO_USERS"].split(","):
        username, email = entry.split("=")
        get_user_model().objects.create_user(username=username, email=email)
    run("127.0.0.1", port, get_wsgi_application(), threading=True)


if __name__ == "__main__":
    main(int(sys.argv[1]))
