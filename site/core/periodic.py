"""Work that `manage.py tick` starts on a schedule (cron or `tick --every`).

Each app may have a `periodic.py` with a PERIODIC_TASKS list of django-tasks.
"""

from .tasks import purge_outbox, recover_outbox, retry_due_emails

PERIODIC_TASKS = [retry_due_emails, recover_outbox, purge_outbox]
