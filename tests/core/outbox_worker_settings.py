"""Settings for the real `db_worker` processes that tests/core/test_outbox_worker.py
starts and kills: the database queue of production, a file SQLite database and a
provider (tests.core.outbox_provider) that records what it accepted."""

from samverka.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EMAIL_BACKEND = "tests.core.outbox_provider.RecordingProvider"
# Recovery may treat a claim as orphaned after one second (production: minutes).
SAMVERKA_OUTBOX_CLAIM_TIMEOUT_SECONDS = 1
