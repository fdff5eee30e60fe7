"""An email provider for worker tests: it appends every message it accepts to
`accepted.log` in $OUTBOX_PROVIDER_DIR, and after accepting the message whose
subject is in the file `block` it writes `blocked` and hangs, so that a test can
kill the worker in the middle of a send."""

import os
import time
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


class RecordingProvider(BaseEmailBackend):
    def send_messages(self, email_messages):
        folder = Path(os.environ["OUTBOX_PROVIDER_DIR"])
        block = folder / "block"
        blocked_subject = block.read_text().strip() if block.exists() else None
        for message in email_messages:
            with open(folder / "accepted.log", "a") as log:
                log.write(message.subject + "\n")
                log.flush()
                os.fsync(log.fileno())
            if message.subject == blocked_subject:
                (folder / "blocked").write_text(str(os.getpid()))
                time.sleep(600)
        return len(email_messages)
