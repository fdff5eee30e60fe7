"""How long each kind of record is kept, as the municipality decided (see
samverka.people.privacy: every app's RetentionRules)."""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RetentionPeriodQuerySet(models.QuerySet):
    def days_by_rule(self) -> dict[str, int]:
        return dict(self.values_list("rule", "days"))


class RetentionPeriod(models.Model):
    """The municipality's period for one retention rule; a rule without a row uses its
    default."""

    rule = models.CharField(_("kind of record"), max_length=50, unique=True)
    days = models.PositiveIntegerField(
        _("kept for (days)"), validators=[MinValueValidator(1), MaxValueValidator(36500)]
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RetentionPeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("retention period")
        verbose_name_plural = _("retention periods")
        ordering = ["rule"]

    def __str__(self):
        return f"{self.rule}: {self.days}"


def periods() -> list[tuple]:
    """(rule, days in force) for every rule of every app."""
    from .privacy import retention_rules

    chosen = RetentionPeriod.objects.days_by_rule()
    return [(rule, chosen.get(rule.key, rule.default_days)) for rule in retention_rules()]


def due_report(now=None) -> list[dict]:
    """What each rule would anonymise now: one COUNT per rule."""
    now = now or timezone.now()
    return [
        {
            "rule": rule,
            "days": days,
            "cutoff": now - datetime.timedelta(days=days),
            "due": rule.due(now - datetime.timedelta(days=days)).count(),
        }
        for rule, days in periods()
    ]


def apply_due(now=None, batch: int = 500) -> dict[str, int]:
    """Anonymise what is due, at most `batch` records per rule and run (the next tick takes
    the rest), each rule in its own transaction."""
    from django.db import transaction

    now = now or timezone.now()
    done = {}
    for rule, days in periods():
        cutoff = now - datetime.timedelta(days=days)
        with transaction.atomic():
            pks = list(rule.due(cutoff).values_list("pk", flat=True)[:batch])
            model = rule.due(cutoff).model
            done[rule.key] = rule.apply(model.objects.filter(pk__in=pks)) if pks else 0
    if any(done.values()):
        # Rules write in bulk, without signals: what people's /my/ showed may be gone.
        from samverka.core.my_pages_cache import everyone_changed

        everyone_changed()
    return done
