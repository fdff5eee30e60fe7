"""What SMS providers post back: delivery reports and incoming texts (STOP).

The addresses carry a secret (SAMVERKA_SMS_WEBHOOK_SECRET) in their path: a
request without it is answered 404, as if there were nothing there. Without a
configured secret the webhooks are off (and no report address is given to the
provider).
"""

from __future__ import annotations

import logging
import re

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ..links import absolute

logger = logging.getLogger(__name__)

# "STOP", "stopp", "Stop please", "STOP!" end texting; "START" takes it back.
STOP_WORDS = re.compile(r"^\s*(stop+|avsluta|avbryt)\b", re.IGNORECASE)
START_WORDS = re.compile(r"^\s*(start|starta)\b", re.IGNORECASE)


def _secret() -> str:
    return getattr(settings, "SAMVERKA_SMS_WEBHOOK_SECRET", "") or ""


def delivery_report_url(provider: str) -> str:
    if not _secret():
        return ""
    return absolute(
        reverse("sms_webhooks:delivery", kwargs={"provider": provider, "secret": _secret()})
    )


def _check(secret: str) -> None:
    if not _secret() or not constant_time_compare(secret, _secret()):
        raise Http404


@csrf_exempt
@require_POST
def delivery(request, provider: str, secret: str):
    """46elks posts `id` and `status` (sent, delivered or failed)."""
    _check(secret)
    from ..tasks import apply_delivery_report

    message_id = request.POST.get("id", "").strip()
    status = request.POST.get("status", "").strip().lower()
    if not message_id or status not in {"sent", "delivered", "failed"}:
        return HttpResponseBadRequest("id and status (sent, delivered, failed) are required")
    apply_delivery_report(message_id, status, provider=provider)
    return HttpResponse("")


@csrf_exempt
@require_POST
def inbound(request, provider: str, secret: str):
    """An incoming text. STOP records the sender's opt-out on every person with
    that number; START withdraws it. The answer is empty: 46elks would send any
    text in it back as a reply, and people are only reached through the outbox."""
    _check(secret)
    from samverka.people.phones import to_e164

    phone = to_e164(request.POST.get("from", ""))
    text = request.POST.get("message", "")
    if not phone:
        return HttpResponseBadRequest("from is required")
    from samverka.people.models import Person

    people = Person.objects.filter(phone=phone)
    if STOP_WORDS.match(text):
        changed = people.filter(sms_opt_out_at__isnull=True).update(sms_opt_out_at=timezone.now())
        logger.info("SMS opt-out from a number (%s people)", changed)
    elif START_WORDS.match(text):
        changed = people.update(sms_opt_out_at=None)
        logger.info("SMS opt-in from a number (%s people)", changed)
    return HttpResponse("")
