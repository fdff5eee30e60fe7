from __future__ import annotations

from dataclasses import dataclass


class SMSError(Exception):
    """The provider did not take the message; the outbox retries it."""


@dataclass
class SMS:
    to: str  # E.164
    body: str
    sender: str
    outbox_id: int | None = None


class BaseBackend:
    """Hand one message to a provider; return the provider's id for it (used by
    its delivery reports) or raise SMSError."""

    def __init__(self, **options):
        self.options = options

    def send(self, message: SMS) -> str:
        raise NotImplementedError
