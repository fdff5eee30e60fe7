"""Retention, run by `manage.py tick`: every rule's records past their period are
anonymised (see samverka.people.retention)."""

from django_tasks import task

from .retention import apply_due


@task()
def apply_retention() -> dict:
    return apply_due()


@task()
def purge_phone_checks() -> int:
    from .verification import purge_old_checks

    return purge_old_checks()


PERIODIC_TASKS = [apply_retention, purge_phone_checks]
