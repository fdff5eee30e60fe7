"""Retention, run by `manage.py tick`: every rule's records past their period are
anonymised (see samverka.people.retention)."""

from django_tasks import task

from .retention import apply_due


@task()
def apply_retention() -> dict:
    return apply_due()


PERIODIC_TASKS = [apply_retention]
