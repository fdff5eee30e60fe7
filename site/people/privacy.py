"""The privacy contract: what every app holds about a person, exported, erased and expired.

Every app may have a ``privacy.py`` with ``PARTS``, a list of `Part`s (collected in the order
of INSTALLED_APPS, like ``demo.py``). A part knows its own models only:

- ``find(lookup)`` yields the `Record`s it holds that match an address, an account or a
  record key (``("newcomer", 12)``). A record names the person it is about and carries the
  *keys* that tie it to other records of the same person (its account, a linked profile).
- ``export(subject)`` returns `Section`s: everything the app holds about the person.
- ``erase(subject, erasure)`` anonymises it, keeping what statistics need.
- ``retention``: `RetentionRule`s, per kind of record, for ``manage.py tick``.

This module is also the people app's own part (at the end): the `Person` with the fields
every profile shares (name, phone, email, languages, district, account) and the consent
history of people and volunteers. A newcomer's or participant's record carries the key
``("person", pk)`` of their Person, so finding either finds the other.

A `Subject` is one person: the records that matched an address, together with every record
tied to them by a key. Two records are the same person when they share an account, an
explicit link, an email address, or a phone number *and* a name: people in one household
often share a phone, so a phone alone never decides (see `Subject.find`).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import phonenumbers
from django.db import transaction
from django.db.models import Model, Q, QuerySet, Value
from django.db.models.functions import Replace
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from phonenumber_field.phonenumber import PhoneNumber

from samverka.core.discovery import collect

# What an anonymised text field holds.
REDACTED = "–"
DEFAULT_REGION = "SE"


# --- Addresses -----------------------------------------------------------------------


def normalise_phone(value: str) -> str:
    """E.164 for a phone number as people type it ("070-123 45 67"), or "" if it is none."""
    value = (value or "").strip()
    if not value or not re.search(r"\d", value):
        return ""
    try:
        number = phonenumbers.parse(value, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_possible_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_spellings(e164: str) -> list[str]:
    """How an E.164 number may be stored in a free-text field once spaces and dashes are
    stripped (see `phone_digits`): "+46701234567", "0046701234567", "0701234567"."""
    if not e164:
        return []
    number = phonenumbers.parse(e164)
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return sorted({e164, "00" + e164[1:], re.sub(r"[^\d+]", "", national)})


def phone_digits(field_name: str):
    """The field without the separators people type, for comparing in the database."""
    expression = field_name
    for separator in (" ", "-", "(", ")", ".", "/"):
        expression = Replace(expression, Value(separator), Value(""))
    return expression


def matching(queryset: QuerySet, q: Q, *, phone_field: str = "", phones=()) -> QuerySet:
    """Rows of `queryset` that match `q` or whose `phone_field` is one of `phones` (E.164)
    however it was typed: one query."""
    spellings = [s for phone in phones for s in phone_spellings(phone)]
    if phone_field and spellings:
        queryset = queryset.alias(_phone_digits=phone_digits(phone_field))
        q = q | Q(_phone_digits__in=spellings)
    return queryset.filter(q)


def email_q(field_name: str, emails: Iterable[str]) -> Q:
    q = Q(pk__in=[])
    for email in emails:
        if email:
            q |= Q(**{f"{field_name}__iexact": email})
    return q


@dataclass(frozen=True)
class Lookup:
    """What to look for: addresses, accounts and record keys (``("newcomer", 12)``)."""

    emails: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()  # E.164
    user_ids: frozenset[int] = frozenset()
    keys: frozenset[tuple[str, Any]] = frozenset()

    def is_empty(self) -> bool:
        return not (self.emails or self.phones or self.user_ids or self.keys)

    def keyed(self, kind: str) -> set:
        return {value for key_kind, value in self.keys if key_kind == kind}


class AddressError(ValueError):
    """The address is not an email address, a phone number or a record (``newcomer:12``)."""


def parse_address(text: str) -> Lookup:
    text = (text or "").strip()
    kind, colon, pk = text.partition(":")
    if colon and kind.isidentifier() and pk.isdigit():
        return Lookup(keys=frozenset({(kind, int(pk))}))
    if "@" in text:
        return Lookup(emails=frozenset({text.casefold()}))
    phone = normalise_phone(text)
    if phone:
        return Lookup(phones=frozenset({phone}))
    raise AddressError(
        _("“%(text)s” is not an email address, a phone number or a record such as newcomer:12.")
        % {"text": text}
    )


# --- Records and subjects ----------------------------------------------------------


@dataclass(eq=False)
class Record:
    """One model instance that is about a person."""

    kind: str  # "volunteer", "newcomer", "participant", "account", ...
    obj: Model
    name: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()  # as stored; normalised in `identity_keys`
    keys: frozenset = frozenset()  # ties to other records of the same person

    def __post_init__(self):
        # Phone fields hold `PhoneNumber`s (E.164) on the Person and volunteers, text elsewhere.
        self.phones = tuple(str(p) for p in self.phones if p)

    @property
    def key(self) -> tuple[str, Any]:
        return (self.kind, self.obj.pk)

    def identity_keys(self) -> set:
        keys = {self.key, *self.keys}
        keys |= {("email", e.casefold()) for e in self.emails if e}
        name = " ".join(self.name.casefold().split())
        for phone in self.phones:
            e164 = normalise_phone(phone)
            if e164:
                keys.add(("phone+name", e164, name))
        return keys

    def __str__(self):
        contact = ", ".join([*(e for e in self.emails if e), *(p for p in self.phones if p)])
        return f"{self.kind}:{self.obj.pk} {self.name}" + (f" ({contact})" if contact else "")


@dataclass(frozen=True)
class Section:
    """A part of an export: a title and a list of items (dicts of field → value)."""

    key: str
    title: str
    items: list[dict]
    labels: dict = field(default_factory=dict)  # field → readable label

    def as_json(self) -> dict:
        return {"title": self.title, "items": self.items}

    def rows(self):
        """For the readable page: each item as (label, text) pairs."""
        return [
            [
                (self.labels.get(name, name.replace("_", " ")), readable(value))
                for name, value in item.items()
            ]
            for item in self.items
        ]


def readable(value) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dict):
        return ", ".join(f"{k}: {readable(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return "; ".join(readable(v) for v in value)
    return str(value)


@dataclass(frozen=True)
class RetentionRule:
    """A kind of record that is anonymised (or deleted) after a period.

    ``due(cutoff)`` is the queryset of records whose period has passed, ``apply(queryset)``
    anonymises them and returns how many."""

    key: str
    label: str
    default_days: int
    due: Callable[[datetime.datetime], QuerySet]
    apply: Callable[[QuerySet], int]
    explanation: str = ""


@dataclass(frozen=True)
class Part:
    """What one app contributes to the contract."""

    name: str
    find: Callable[[Lookup], Iterable[Record]]
    export: Callable[[Subject], list[Section]] | None = None
    erase: Callable[[Subject, Erasure], None] | None = None
    retention: tuple[RetentionRule, ...] = ()


def parts() -> tuple[Part, ...]:
    return collect("privacy", "PARTS")


def retention_rules() -> list[RetentionRule]:
    return [rule for part in parts() for rule in part.retention]


def _find(lookup: Lookup) -> list[Record]:
    found: dict = {}
    for part in parts():
        for record in part.find(lookup):
            found.setdefault(record.key, record)
    return list(found.values())


def _expand(records: list[Record]) -> list[Record]:
    """Add every record tied to `records` by an account or an explicit link (not by an
    address: a shared address is what makes a lookup ambiguous). Two rounds reach a
    participant linked to a newcomer that has an account."""
    known = {r.key: r for r in records}
    for _round in range(3):
        keys = set().union(*(r.keys | {r.key} for r in known.values())) if known else set()
        user_ids = {value for kind, value in keys if kind == "user"}
        lookup = Lookup(user_ids=frozenset(user_ids), keys=frozenset(keys))
        new = [r for r in _find(lookup) if r.key not in known]
        if not new:
            break
        known.update((r.key, r) for r in new)
    return list(known.values())


def _group(records: list[Record]) -> list[list[Record]]:
    """Records that share an identity key belong to one person (union-find)."""
    parent = list(range(len(records)))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict = {}
    for index, record in enumerate(records):
        for key in record.identity_keys():
            if key in owner:
                parent[root(index)] = root(owner[key])
            else:
                owner[key] = index
    groups: dict[int, list[Record]] = {}
    for index, record in enumerate(records):
        groups.setdefault(root(index), []).append(record)
    return list(groups.values())


@dataclass
class Subject:
    """One person, identified by their records in every app."""

    records: list[Record]

    # The records a person is best known by come first (the admin links to the first).
    ORDER = ("account", "person", "volunteer", "newcomer", "participant")

    def __post_init__(self):
        rank = {kind: index for index, kind in enumerate(self.ORDER)}
        self.records = sorted(
            self.records, key=lambda r: (rank.get(r.kind, len(rank)), r.kind, r.obj.pk)
        )

    @classmethod
    def find(cls, address: str) -> list[Subject]:
        """Everyone the address could mean: none, one, or several (ambiguous: a phone
        shared by two people). Raises `AddressError` for what is not an address."""
        lookup = parse_address(address)
        seeds = _find(lookup)
        if not lookup.keys:
            return [cls(_expand(group)) for group in _group(_expand(seeds))]
        # A record ("newcomer:12") names one person: the one it belongs to, found through
        # its own addresses, whatever else shares them.
        if not seeds:
            return []
        own = _expand(seeds)
        related = Lookup(
            emails=frozenset(e.casefold() for r in own for e in r.emails if e),
            phones=frozenset(normalise_phone(p) for r in own for p in r.phones) - {""},
        )
        candidates = {r.key: r for r in _expand(_find(related))} if not related.is_empty() else {}
        candidates.update((r.key, r) for r in own)
        seed_keys = {r.key for r in seeds}
        for group in _group(list(candidates.values())):
            if seed_keys & {r.key for r in group}:
                return [cls(_expand(group))]
        return [cls(own)]

    @classmethod
    def for_user(cls, user) -> Subject:
        """The signed-in person: their account, every record tied to it, and records under
        their verified email addresses (allauth verifies every address before use)."""
        from allauth.account.models import EmailAddress

        emails = set(
            EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
        )
        lookup = Lookup(
            user_ids=frozenset({user.pk}), emails=frozenset(e.casefold() for e in emails)
        )
        return cls(_expand(_find(lookup)))

    # -- what the parts ask -----------------------------------------------------------

    def of_kind(self, kind: str) -> list[Model]:
        return [r.obj for r in self.records if r.kind == kind]

    def pks(self, kind: str) -> list:
        return [r.obj.pk for r in self.records if r.kind == kind]

    @property
    def user(self):
        accounts = self.of_kind("account")
        return accounts[0] if accounts else None

    @property
    def user_ids(self) -> list[int]:
        return self.pks("account")

    @property
    def names(self) -> set[str]:
        return {r.name for r in self.records if r.name and r.name != REDACTED}

    @property
    def emails(self) -> set[str]:
        return {e.casefold() for r in self.records for e in r.emails if e}

    @property
    def phones(self) -> set[str]:
        return {p for r in self.records for p in r.phones if p}

    @property
    def e164(self) -> set[str]:
        return {normalise_phone(p) for p in self.phones} - {""}

    @property
    def label(self) -> str:
        if not self.records:
            return ""
        return next(iter(sorted(self.names)), "") or str(self.records[0])

    def describe(self) -> list[str]:
        return [str(r) for r in self.records]

    # -- the person's rights ------------------------------------------------------------

    def export(self) -> list[Section]:
        """Art. 15: every section every app holds, in the order of INSTALLED_APPS."""
        sections = []
        for part in parts():
            if part.export:
                sections.extend(s for s in part.export(self) if s.items)
        return sections

    def export_json(self) -> dict:
        return {
            "exported_at": timezone.now().isoformat(),
            "records": self.describe(),
            "sections": {s.key: s.as_json() for s in self.export()},
        }

    def erase(self, *, by=None, dry_run: bool = False) -> Erasure:
        """Art. 17: every part anonymises what it holds, dependent apps first (reverse
        INSTALLED_APPS: events and internships before the newcomer, the account last).
        A dry run does everything inside a transaction and rolls it back, so its report
        is exactly what a real run would do."""
        erasure = Erasure(self, by=by, dry_run=dry_run)
        with transaction.atomic():
            for part in reversed(parts()):
                if part.erase:
                    part.erase(self, erasure)
            if dry_run:
                transaction.set_rollback(True)
            else:
                # Parts write in bulk, without signals: the person's /my/ and the pages of
                # those who worked with them (a name) are built again.
                from samverka.core.my_pages_cache import everyone_changed

                everyone_changed()
        return erasure


class Erasure:
    """What one erasure did, and what parts tell each other while erasing."""

    def __init__(self, subject: Subject, *, by=None, dry_run=False):
        self.subject = subject
        self.by = by
        self.dry_run = dry_run
        self.lines: list[str] = []
        # Identifiers captured before anything is anonymised: later parts (the outbox,
        # the audit trail) search for them after earlier parts have blanked the records.
        self.names = set(subject.names)
        self.first_names = {name.split()[0] for name in self.names if name.split()}
        self.emails = set(subject.emails)
        self.phones = set(subject.phones) | set(subject.e164)
        # Addresses whose messages may mention the person by first name alone (their
        # kompis, their internship's supervisor and mentor).
        self.counterparts: set[str] = set()

    def done(self, what: str, count: int = 1):
        if count:
            self.lines.append(f"{what}: {count}")

    def redact(self, text: str, *, first_names: bool = False) -> str:
        """`text` with the person's names, addresses and numbers replaced."""
        if not text:
            return text
        needles = sorted(
            {*self.names, *self.emails, *self._phone_variants()}, key=len, reverse=True
        )
        for needle in needles:
            text = re.sub(re.escape(needle), REDACTED, text, flags=re.IGNORECASE)
        words = set(self.first_names) if first_names else set()
        words |= {name.split()[-1] for name in self.names if len(name.split()) > 1}
        for word in sorted(words, key=len, reverse=True):
            if len(word) > 1:
                text = re.sub(rf"\b{re.escape(word)}\b", REDACTED, text)
        return text

    def _phone_variants(self) -> set[str]:
        variants = {p for p in self.phones if len(re.sub(r"\D", "", p)) >= 6}
        for e164 in {normalise_phone(p) for p in self.phones} - {""}:
            number = phonenumbers.parse(e164)
            variants |= {
                e164,
                phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL),
                phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
                *phone_spellings(e164),
            }
        return variants

    def mentions_q(self, *fields: str, first_names: bool = False) -> Q:
        """Rows whose `fields` may mention the person: for narrowing a redaction."""
        needles = {*self.names, *self.emails, *self._phone_variants()}
        needles |= {name.split()[-1] for name in self.names if len(name.split()) > 1}
        if first_names:
            needles |= self.first_names
        q = Q(pk__in=[])
        for name in fields:
            for needle in needles:
                if len(needle) > 1:
                    q |= Q(**{f"{name}__icontains": needle})
        return q

    def redact_rows(self, queryset: QuerySet, fields: list[str], *, first_names=False) -> int:
        """Redact `fields` in every row of `queryset` that mentions the person."""
        changed = 0
        for row in queryset.filter(self.mentions_q(*fields, first_names=first_names)):
            updates = {}
            for name in fields:
                value = getattr(row, name)
                new = (
                    self.redact(value, first_names=first_names) if isinstance(value, str) else value
                )
                if new != value:
                    updates[name] = new
            if updates:
                type(row).objects.filter(pk=row.pk).update(**updates)
                changed += 1
        return changed


# --- Rendering helpers for the parts ------------------------------------------------------


def value_of(obj, name: str):
    """A field's value as a person reads it: choices by label, dates as ISO, related
    objects by their name."""
    if "__" in name:
        head, _sep, rest = name.partition("__")
        related = getattr(obj, head, None)
        return value_of(related, rest) if related is not None else None
    value = getattr(obj, name, None)
    display = getattr(obj, f"get_{name}_display", None)
    if display is not None and value not in (None, ""):
        return str(display())
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, PhoneNumber):
        return str(value)
    if isinstance(value, Model):
        return str(value)
    if callable(value):
        value = value()
    return value


def label_of(model, name: str) -> str:
    head, _sep, rest = name.partition("__")
    try:
        model_field = model._meta.get_field(head)
    except Exception:  # noqa: BLE001 - a property: its name is its label
        return name.replace("_", " ")
    if rest and model_field.related_model:
        return f"{model_field.verbose_name}: {label_of(model_field.related_model, rest)}"
    return str(model_field.verbose_name)


def section(key: str, title: str, model, objects: Iterable, fields: list[str]) -> Section:
    """A `Section` with one item per object, `fields` read with `value_of`."""
    return Section(
        key=key,
        title=title,
        items=[{name: value_of(obj, name) for name in fields} for obj in objects],
        labels={name: label_of(model, name) for name in fields},
    )


def q_or_none(**filters) -> Q:
    """OR of the filters whose values are non-empty (an empty `__in` matches nothing)."""
    q = Q(pk__in=[])
    for lookup, values in filters.items():
        if values:
            q |= Q(**{lookup: values})
    return q


# --- The people app's own part: the Person and consent history --------------------------

PERSON_FIELDS = [
    "first_name",
    "last_name",
    "phone",
    "email",
    "preferred_language",
    "message_channel",
    "phone_verified_at",
    "sms_opt_out_at",
    "languages",
    "gender",
    "birth_year",
    "district",
    "postcode",
    "date_of_settlement",
    "household",
    "faith_community",
    "income_support",
    "created_at",
]


def _person_record(person) -> Record:
    return Record(
        kind="person",
        obj=person,
        name="" if person.anonymised_at else person.full_name,
        emails=(person.email,) if person.email else (),
        phones=(str(person.phone),) if person.phone else (),
        keys=frozenset({("user", person.user_id)}) if person.user_id else frozenset(),
    )


def _find_people(lookup: Lookup) -> list[Record]:
    from .models import Person

    people = matching(
        Person.objects.all(),
        q_or_none(pk__in=lookup.keyed("person"), user_id__in=lookup.user_ids)
        | email_q("email", lookup.emails),
        phone_field="phone",
        phones=lookup.phones,
    )
    return [_person_record(p) for p in people]


def _consent_records(subject: Subject) -> QuerySet:
    """The consent history of the subject's Person and volunteer records: one query (the
    content type is joined, not looked up, so the count does not depend on a cache)."""
    from .consent import ConsentRecord

    q = Q(pk__in=[])
    for app_label, model, pks in (
        ("people", "person", subject.pks("person")),
        ("associations", "volunteer", subject.pks("volunteer")),
    ):
        if pks:
            q |= Q(subject_type__app_label=app_label, subject_type__model=model, subject_id__in=pks)
    return ConsentRecord.objects.filter(q)


def _export_people(subject: Subject) -> list[Section]:
    from .consent import ConsentRecord
    from .models import Person

    return [
        section(
            "person",
            _("Your details"),
            Person,
            Person.objects.filter(pk__in=subject.pks("person")),
            PERSON_FIELDS,
        ),
        section(
            "consent",
            _("Consent history"),
            ConsentRecord,
            _consent_records(subject)
            .select_related("version", "recorded_by")
            .order_by("given_at", "pk"),
            ["version", "version__text", "given_at", "method", "language", "recorded_by"],
        ),
    ]


def anonymise_people(queryset: QuerySet, now=None) -> int:
    """Blank everything that names, reaches or describes a person; keep birth year,
    district, gender, the year of settlement and languages for statistics. People already
    anonymised are left alone, so erasing twice changes nothing."""
    now = now or timezone.now()
    count = 0
    for person in queryset.filter(anonymised_at__isnull=True).only("pk", "date_of_settlement"):
        settled = person.date_of_settlement
        count += (
            type(person)
            .objects.filter(pk=person.pk, anonymised_at__isnull=True)
            .update(
                user=None,
                first_name=REDACTED,
                last_name="",
                phone="",
                email="",
                postcode="",
                latitude=None,
                longitude=None,
                date_of_settlement=datetime.date(settled.year, 1, 1) if settled else None,
                household="",
                faith_community="",
                income_support=False,
                anonymised_at=now,
                updated_at=now,
            )
        )
        # Phone-number checks hold the number: gone with the person's details.
        person.phone_verifications.all().delete()
    return count


def _erase_people(subject: Subject, erasure: Erasure):
    from .models import Person

    # Consent records are never changed: the history of an erased person is deleted whole
    # (it proves nothing once nobody it names remains).
    deleted, _by_model = _consent_records(subject).delete()
    erasure.done(_("consent records deleted"), deleted)
    count = anonymise_people(Person.objects.filter(pk__in=subject.pks("person")))
    erasure.done(_("people anonymised"), count)


def _contacts_without_profile(cutoff) -> QuerySet:
    """People with no account that nothing else refers to -- no app's profile or activity
    (every relation to a Person counts, those of apps added later too) -- and unchanged since
    `cutoff`: a contact kept only in case."""
    from django.db.models import Exists, OuterRef

    from .models import Person

    people = Person.objects.filter(
        user__isnull=True,
        anonymised_at__isnull=True,
        created_at__lt=cutoff,
        updated_at__lt=cutoff,
    )
    for relation in Person._meta.related_objects:
        rows = relation.related_model._base_manager.filter(**{relation.field.name: OuterRef("pk")})
        people = people.exclude(Exists(rows))
    return people


def _erase_contacts(queryset: QuerySet) -> int:
    """As an erasure does: the details blanked, the consent history deleted."""
    from .consent import ConsentRecord
    from .models import Person

    pks = list(queryset.values_list("pk", flat=True))
    ConsentRecord.objects.filter(
        subject_type__app_label="people", subject_type__model="person", subject_id__in=pks
    ).delete()
    return anonymise_people(Person.objects.filter(pk__in=pks))


def _contact_retention_days() -> int:
    from .conf import settings

    return settings.CONTACT_RETENTION_DAYS  # read once, as events' periods are


PARTS: list[Part] = [
    Part(
        name="people",
        find=_find_people,
        export=_export_people,
        erase=_erase_people,
        retention=(
            RetentionRule(
                key="contacts",
                label=gettext_lazy("Contacts with no profile and no activity"),
                default_days=_contact_retention_days(),
                due=_contacts_without_profile,
                apply=_erase_contacts,
                explanation=gettext_lazy(
                    "A person with no account whom no profile, case, referral or outcome "
                    "refers to is erased after this long without a change; their consent "
                    "history goes with them."
                ),
            ),
        ),
    )
]


__all__ = [
    "REDACTED",
    "AddressError",
    "Erasure",
    "Lookup",
    "Part",
    "Record",
    "RetentionRule",
    "Section",
    "Subject",
    "email_q",
    "label_of",
    "normalise_phone",
    "parse_address",
    "matching",
    "q_or_none",
    "section",
    "value_of",
]
