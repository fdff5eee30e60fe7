"""46elks (https://46elks.se), a Swedish SMS provider: a plain REST API.

POST {API_URL}/sms with HTTP basic auth (API username and password) and the form
fields `from`, `to`, `message` and `whendelivered` (where 46elks posts the
delivery report). A 200 answer is JSON with the message `id`; anything else is
an error whose body is a short English text ("Invalid to number."). Sent over
the standard library's urllib: no client library to keep up to date.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings

from .base import SMS, BaseBackend, SMSError

DEFAULT_API_URL = "https://api.46elks.com/a1"


class Backend(BaseBackend):
    def __init__(self, **options):
        super().__init__(**options)
        self.api_url = (
            options.get("api_url") or getattr(settings, "SAMVERKA_46ELKS_API_URL", "")
        ) or DEFAULT_API_URL
        self.username = options.get("username") or getattr(settings, "SAMVERKA_46ELKS_USERNAME", "")
        self.password = options.get("password") or getattr(settings, "SAMVERKA_46ELKS_PASSWORD", "")
        self.timeout = options.get("timeout") or getattr(
            settings, "SAMVERKA_SMS_TIMEOUT_SECONDS", 10
        )

    def _delivery_report_url(self) -> str:
        from ..webhooks import delivery_report_url

        return delivery_report_url("46elks")

    def send(self, message: SMS) -> str:
        if not (self.username and self.password):
            raise SMSError("46elks: SAMVERKA_46ELKS_USERNAME and _PASSWORD are not set")
        fields = {"from": message.sender, "to": message.to, "message": message.body}
        report_url = self._delivery_report_url()
        if report_url:
            fields["whendelivered"] = report_url
        credentials = base64.b64encode(f"{self.username}:{self.password}".encode()).decode()
        if not self.api_url.startswith(("https://", "http://")):
            raise SMSError("46elks: SAMVERKA_46ELKS_API_URL must be an http(s) address")
        request = urllib.request.Request(  # noqa: S310 - scheme checked above
            f"{self.api_url.rstrip('/')}/sms",
            data=urllib.parse.urlencode(fields).encode(),
            headers={
                "Authorization": f"Basic {credentials}",
                "Content-Type": "application/x-www-form-urlencoded",
            },
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - checked
                payload = json.loads(response.read().decode() or "{}")
        except urllib.error.HTTPError as error:
            detail = error.read().decode(errors="replace").strip()[:300]
            raise SMSError(f"46elks answered {error.code}: {detail}") from error
        except TimeoutError as error:
            raise SMSError(f"46elks did not answer within {self.timeout} s") from error
        except urllib.error.URLError as error:
            raise SMSError(f"46elks could not be reached: {error.reason}") from error
        except ValueError as error:
            raise SMSError("46elks answered with something that is not JSON") from error
        if not payload.get("id") or payload.get("status") == "failed":
            raise SMSError(f"46elks did not accept the message: {payload}")
        return str(payload["id"])
