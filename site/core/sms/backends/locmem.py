"""Keeps text messages in `samverka.core.sms.outbox` (tests, like locmem email)."""

import uuid

from .. import outbox
from .base import SMS, BaseBackend


class Backend(BaseBackend):
    def send(self, message: SMS) -> str:
        outbox.append(message)
        return f"locmem-{uuid.uuid4().hex[:12]}"
