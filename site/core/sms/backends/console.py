"""Prints text messages (development, like Django's console email backend)."""

import sys
import uuid

from .base import SMS, BaseBackend


class Backend(BaseBackend):
    def send(self, message: SMS) -> str:
        stream = self.options.get("stream") or sys.stdout
        stream.write(f"SMS from {message.sender} to {message.to}:\n{message.body}\n{'-' * 40}\n")
        stream.flush()
        return f"console-{uuid.uuid4().hex[:12]}"
