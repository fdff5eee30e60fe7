"""Municipalities: who a record belongs to, and which of them a coordinator sees.

- `Municipality` (name, the official four-digit kommunkod, contact details, logo) with its
  `District`s (name, postcodes, approximate centre). Districts are read from here, never from
  code. One municipality is the installation's *default*: the one that runs it, whose name the
  admin and the public site show when there is only one.
- `MunicipalityRole(user, municipality)`: a coordinator coordinates the municipalities they
  hold a role for. A coordinator without any role coordinates the default municipality (so a
  single-municipality installation works as before without anyone handing out roles); members
  of the "Regional coordinator" group (and superusers) see every municipality.
- `municipalities_for(user)` is the ONE scoping helper: ``None`` for "all", otherwise a subquery
  of municipality ids. `scope(queryset, user, paths)` filters any queryset by it inside the same
  SQL statement (no extra query), and `ScopedViewSetMixin` applies it to every view of a Wagtail
  `ModelViewSet` (listing, edit, delete, inspect, history): what is out of scope is a 404.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.forms import ModelMultipleChoiceField
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from samverka.core.permissions import REGIONAL_COORDINATOR, in_group

kommunkod_validator = RegexValidator(
    r"^\d{4}$",
    _("A kommunkod is four digits, for example 0180 (Stockholm) or 1287 (Trelleborg)."),
)


def _postcodes(value: str) -> list[str]:
    return [code.replace(" ", "") for code in (value or "").replace(";", ",").split(",") if code]


def validate_postcodes(value: str):
    bad = [code for code in _postcodes(value) if not (code.isdigit() and len(code) == 5)]
    if bad:
        raise ValidationError(
            _(
                "Postcodes are five digits, separated by commas (for example 123 45, 123 46): %(bad)s"
            ),
            params={"bad": ", ".join(bad)},
        )


class MunicipalityQuerySet(models.QuerySet):
    def default(self) -> Municipality | None:
        return self.filter(is_default=True).first() or self.order_by("pk").first()


class Municipality(ClusterableModel):
    """A municipality the installation serves. The kommunkod may be left empty until someone
    looks it up (a migrated installation starts that way); two municipalities never share one."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    code = models.CharField(
        _("kommunkod"),
        max_length=4,
        blank=True,
        validators=[kommunkod_validator],
        help_text=_("The official four-digit municipality code (SCB). Empty until known."),
    )
    is_default = models.BooleanField(
        _("runs this installation"),
        default=False,
        help_text=_(
            "The municipality whose name and logo the admin shows and whose coordinators need "
            "no role. Exactly one municipality runs the installation."
        ),
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.TextField(_("visiting address"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    site = models.OneToOneField(
        "wagtailcore.Site",
        verbose_name=_("public site"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="municipality",
        help_text=_(
            "When several municipalities share the installation, each may have its own site "
            "(host name and home page). Empty: the municipality that runs the installation "
            "appears on every site without one."
        ),
    )

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~Q(code=""), name="municipality_unique_code"
            ),
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_municipality"
            ),
        ]

    def __str__(self):
        return self.name

    def district_names(self) -> list[str]:
        return [d.name for d in self.districts.all()]

    def centres(self) -> dict[str, tuple[float | None, float | None]]:
        return {d.name: (d.latitude, d.longitude) for d in self.districts.all()}

    def people_count(self) -> int:
        return self.residents.count()


class District(Orderable):
    """A district of one municipality, with its postcodes and approximate centre. A person's
    position is their district's centre, never their home (see LocationFields)."""

    municipality = ParentalKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="districts",
    )
    name = models.CharField(_("name"), max_length=100)
    postcodes = models.CharField(
        _("postcodes"),
        max_length=500,
        blank=True,
        validators=[validate_postcodes],
        help_text=_("Five-digit postcodes separated by commas."),
    )
    latitude = models.FloatField(_("latitude of the centre"), null=True, blank=True)
    longitude = models.FloatField(_("longitude of the centre"), null=True, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="district_unique_name_per_municipality"
            )
        ]

    def __str__(self):
        return self.name

    def postcode_list(self) -> list[str]:
        return _postcodes(self.postcodes)


class MunicipalityRole(models.Model):
    """`user` coordinates `municipality`: sees its residents, programmes and reports."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="municipality_roles",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="roles",
    )

    class Meta:
        verbose_name = _("municipality coordinator")
        verbose_name_plural = _("municipality coordinators")
        constraints = [
            models.UniqueConstraint(fields=["user", "municipality"], name="one_role_per_pair")
        ]

    def __str__(self):
        return f"{self.user} – {self.municipality}"


# --------------------------------------------------------------------------------------
# Municipalities and districts kept in memory: every new Person needs the default's id, every
# public page the site's municipality name, every form the districts. A change of any
# municipality or district row (or a migration) bumps a version in the shared cache, so every
# process reloads them at its next read; reading costs a cache look-up, not a query.
# --------------------------------------------------------------------------------------

VERSION_KEY = "samverka:municipalities:version"
_memo: dict = {"version": None, "data": None}


def _data() -> dict:
    from django.core.cache import cache

    version = cache.get(VERSION_KEY)
    data = _memo["data"]
    if data is None or _memo["version"] != version:
        municipalities = list(
            Municipality.objects.order_by("pk").values(
                "pk", "name", "code", "is_default", "site_id", "logo_id"
            )
        )
        rows = list(
            District.objects.order_by("municipality_id", "sort_order", "pk").values_list(
                "municipality_id", "name", "latitude", "longitude"
            )
        )
        default = next((m["pk"] for m in municipalities if m["is_default"]), None)
        if default is None and municipalities:
            default = municipalities[0]["pk"]
        data = {"municipalities": municipalities, "districts": rows, "default": default}
        _memo["data"], _memo["version"] = data, version
    return data


def forget(**kwargs):
    """Called on every change of a municipality or district (see apps.py)."""
    import uuid

    from django.core.cache import cache

    _memo["data"] = None
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def default_municipality_pk() -> int | None:
    """The id of the municipality that runs the installation."""
    return _data()["default"]


def _instance(row) -> Municipality:
    return Municipality(**{("id" if k == "pk" else k): v for k, v in row.items()})


def default_municipality() -> Municipality | None:
    """The municipality that runs the installation (an unsaved-looking copy from memory with
    name, code, site and logo id; `.logo` costs a query only when there is one)."""
    data = _data()
    for row in data["municipalities"]:
        if row["pk"] == data["default"]:
            return _instance(row)
    return None


# --------------------------------------------------------------------------------------
# Scope
# --------------------------------------------------------------------------------------


def sees_every_municipality(user) -> bool:
    return bool(
        user.is_authenticated and (user.is_superuser or in_group(user, REGIONAL_COORDINATOR))
    )


def municipalities_for(user):
    """The municipalities `user` coordinates: ``None`` for all of them (superusers and the
    "Regional coordinator" group), otherwise a subquery of their ids. Builds no query itself:
    the ids are read inside the statement that filters by them.

    The subquery is compiled to SQL once per user object (the ORM's own statement, its
    parameters kept apart) and reused by every scoped statement of the request: an admin page
    scopes several queries (the matching board six), and compiling the same subquery cost
    about a millisecond each time. What is kept is the statement, not its result: a role
    given or taken away counts at the next query. Whether the user sees every municipality
    is asked each time."""
    if not getattr(user, "is_authenticated", False):
        return Municipality.objects.none().values("pk")
    if sees_every_municipality(user):
        return None
    kept = user.__dict__.get("_samverka_municipalities_sql")
    if kept is None or kept[0] != user.pk:
        sql, params = _coordinated(user).query.sql_with_params()
        kept = (user.pk, RawSQL(sql, params))  # noqa: S611 - the ORM's statement, no outside text
        user.__dict__["_samverka_municipalities_sql"] = kept
    return kept[1]


def _coordinated(user):
    """The ids of the municipalities `user` holds a role for; the default one without any."""
    roles = MunicipalityRole.objects.filter(user_id=user.pk)
    return Municipality.objects.filter(
        Q(Exists(roles.filter(municipality_id=OuterRef("pk"))))
        | (Q(is_default=True) & ~Q(Exists(roles)))
    ).values("pk")


def municipality_ids_for(user) -> set[int] | None:
    """The same as a set (one query, remembered on the user object): for checks on one row
    already loaded."""
    subquery = municipalities_for(user)
    if subquery is None:
        return None
    cached = getattr(user, "_samverka_municipality_ids", None)
    if cached is None:
        cached = set(Municipality.objects.filter(pk__in=subquery).values_list("pk", flat=True))
        user._samverka_municipality_ids = cached
    return cached


def _crosses_many(model, path: str) -> bool:
    opts = model._meta
    for name in path.split("__"):
        if name == "pk":
            return False
        field = opts.get_field(name)
        if field.many_to_many or field.one_to_many:
            return True
        if not field.is_relation:
            return False
        opts = field.related_model._meta
    return False


def district_q(ids, field: str = "district") -> Q:
    """For a record that knows only its district's name (a volunteer): kept when the name is
    a district of one of ``ids`` (a subquery of municipality ids), or is empty or no
    municipality's district (nothing tells whose it is)."""
    known = District.objects.values("name")
    return (
        Q(**{f"{field}__in": District.objects.filter(municipality__in=ids).values("name")})
        | Q(**{field: ""})
        | ~Q(**{f"{field}__in": known})
    )


def scope_q(user, paths, unassigned: str = "", district: str = "") -> Q | None:
    """A Q object keeping the rows whose municipality (reached through any of ``paths``) the
    user coordinates; ``None`` when the user sees all. ``unassigned`` names a many-relation
    whose empty rows everyone sees (organisations with no service area); ``district`` names
    a field holding a district's name, for records with no municipality of their own
    (`district_q`)."""
    ids = municipalities_for(user)
    if ids is None:
        return None
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{path}__in": ids})
    if unassigned:
        condition |= Q(**{f"{unassigned}__isnull": True})
    if district:
        condition |= district_q(ids, district)
    return condition


def scope(queryset, user, paths, unassigned: str = "", district: str = ""):
    """`queryset` limited to what `user` coordinates (see `scope_q`). A path through a
    many-relation is read in a subquery so no row appears twice."""
    condition = scope_q(user, paths, unassigned, district)
    if condition is None:
        return queryset
    model = queryset.model
    if unassigned or any(_crosses_many(model, path) for path in paths):
        return queryset.filter(pk__in=model._default_manager.filter(condition).values("pk"))
    return queryset.filter(condition)


def annotate_scope(queryset, user, paths, name: str = "in_municipality_scope"):
    """Each row with a boolean ``name``: whether `user` coordinates its municipality. Read in
    the same query (for one load-and-authorise function that also serves other parties)."""
    from django.db.models import BooleanField, ExpressionWrapper, Value

    condition = scope_q(user, paths)
    if condition is None:
        return queryset.annotate(**{name: Value(True, output_field=BooleanField())})
    return queryset.annotate(**{name: ExpressionWrapper(condition, output_field=BooleanField())})


def in_scope(user, obj, paths, unassigned: str = "", district: str = "") -> bool:
    if municipalities_for(user) is None:
        return True
    return scope(
        type(obj)._default_manager.filter(pk=obj.pk), user, paths, unassigned, district
    ).exists()


# model → (paths, unassigned, district) of every scoped viewset: the choices of a form's
# foreign keys to such a model are scoped as its listing is (a coordinator cannot pick another
# municipality's person in an enrolment form), and so are choosers and bulk actions.
SCOPES: dict = {}


def scope_model(queryset, user):
    """`queryset` scoped as its model's admin listing is (`SCOPES`); unchanged for a model
    that no municipality owns."""
    if queryset.model not in SCOPES:
        return queryset
    paths, unassigned, district = SCOPES[queryset.model]
    return scope(queryset, user, paths, unassigned, district)


def scope_form_choices(form, user):
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if queryset is None or queryset.model not in SCOPES:
            continue
        if queryset.model is Municipality and isinstance(field, ModelMultipleChoiceField):
            continue  # "also accepts participants from" names other municipalities
        field.queryset = scope_model(queryset, user)
    return form


class ScopedViewMixin:
    """Mixed into each view of a `ScopedViewSetMixin` viewset."""

    municipality_paths: tuple[str, ...] = ()
    municipality_unassigned: str = ""
    municipality_district: str = ""
    municipality_write_paths: tuple[str, ...] = ()

    def _scope_args(self):
        return (
            self.municipality_paths,
            self.municipality_unassigned,
            self.municipality_district,
        )

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if queryset.model is self.model:  # listings, not a history view's log entries
            queryset = scope(queryset, self.request.user, *self._scope_args())
        return queryset

    def get_form(self, *args, **kwargs):
        return scope_form_choices(super().get_form(*args, **kwargs), self.request.user)

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not isinstance(obj, self.model):
            return obj
        if not in_scope(self.request.user, obj, *self._scope_args()):
            raise Http404
        if self.municipality_write_paths and self._changes():
            # seen by more municipalities than change it (a shared course: its organiser's)
            if not in_scope(self.request.user, obj, self.municipality_write_paths):
                raise PermissionDenied
        return obj

    def _changes(self) -> bool:
        from wagtail.admin.views.generic import DeleteView, EditView

        return isinstance(self, (EditView, DeleteView))


class ScopedViewSetMixin:
    """Put before `ModelViewSet`: every view it builds (listing and its results, edit, delete,
    inspect, history, usage) shows only what the user coordinates, a 404 for the rest.

    ``municipality_paths``: lookups from the model to a `Municipality` (any of them counts);
    ``municipality_district``: for a model with no municipality of its own, the field with
    its district's name (`district_q`); ``municipality_write_paths``: when fewer
    municipalities may change a row than see it (a shared course is seen by the
    municipalities it accepts, changed by its organiser's), the paths for editing and
    deleting (403 for the others)."""

    municipality_paths: tuple[str, ...] = ()
    municipality_unassigned: str = ""
    municipality_district: str = ""
    municipality_write_paths: tuple[str, ...] = ()

    @property
    def _scoped(self) -> bool:
        return bool(self.municipality_paths or self.municipality_district)

    def on_register(self):
        super().on_register()
        if self._scoped:
            SCOPES.setdefault(
                self.model,
                (
                    tuple(self.municipality_paths),
                    self.municipality_unassigned,
                    self.municipality_district,
                ),
            )

    def construct_view(self, view_class, **kwargs):
        if self._scoped and not issubclass(view_class, ScopedViewMixin):
            view_class = type(
                f"Scoped{view_class.__name__}",
                (ScopedViewMixin, view_class),
                {
                    "municipality_paths": tuple(self.municipality_paths),
                    "municipality_unassigned": self.municipality_unassigned,
                    "municipality_district": self.municipality_district,
                    "municipality_write_paths": tuple(self.municipality_write_paths),
                },
            )
        return super().construct_view(view_class, **kwargs)


# --------------------------------------------------------------------------------------
# Districts
# --------------------------------------------------------------------------------------


def check_district(municipality, district: str, field: str = "district"):
    """A ValidationError (on ``field``) when `district` is not one of `municipality`'s
    districts; `municipality` is a row or an id."""
    if not district or not municipality:
        return
    from .vocabulary import districts as district_centres

    pk = getattr(municipality, "pk", municipality)
    if district in district_centres(pk):
        return
    name = getattr(municipality, "name", None) or Municipality.objects.get(pk=pk).name
    raise ValidationError(
        {
            field: _("%(district)s is not a district of %(municipality)s.")
            % {"district": district, "municipality": name}
        }
    )


def accepts(programme, municipality_id) -> bool:
    """Whether residents of `municipality_id` may join `programme` (a course or drop-in with
    ``organising_municipality`` and ``accepted_municipalities``)."""
    if municipality_id is None or programme.organising_municipality_id == municipality_id:
        return True
    return programme.accepted_municipalities.filter(pk=municipality_id).exists()


def check_accepted(programme, person, field: str = "participant"):
    """A ValidationError when `person`'s home municipality is not accepted by `programme`."""
    if person is None or accepts(programme, person.home_municipality_id):
        return
    raise ValidationError(
        {
            field: _(
                "%(name)s lives in %(home)s, which %(programme)s does not accept. Add "
                "%(home)s to the course's accepted municipalities first."
            )
            % {
                "name": person,
                "home": person.home_municipality,
                "programme": programme,
            }
        }
    )


def municipality_for_request(request) -> Municipality | None:
    """The municipality whose public site serves `request`: the one linked to the request's
    Wagtail Site, otherwise the one that runs the installation. No query once in memory."""
    data = _data()
    if request is None or not any(row["site_id"] for row in data["municipalities"]):
        return default_municipality()  # one site for all: no look-up at all
    from wagtail.models import Site

    site = Site.find_for_request(request)  # Wagtail caches this on the request
    if site is not None:
        for row in data["municipalities"]:
            if row["site_id"] == site.pk:
                return _instance(row)
    return default_municipality()


# --------------------------------------------------------------------------------------
# Figures per municipality
# --------------------------------------------------------------------------------------


class Breakdown(list):
    """Rows of `breakdown()`, with ``.total`` (the same figures over every row) and
    ``.suppressed`` (how many groups were too small to show)."""

    total: dict
    suppressed: int = 0


def breakdown(
    queryset,
    path: str,
    *,
    municipality=None,
    small_group: int = 0,
    count_field: str = "",
    **aggregates,
) -> Breakdown:
    """`queryset` grouped by the municipality reached through ``path`` (usually the person's
    ``home_municipality``), one row per municipality::

        breakdown(
            Attendance.objects.filter(occurrence__event=course.event),
            "participant__person__home_municipality",
            people=Count("participant", distinct=True),
            hours=Sum(duration),
        )
        → [{"municipality": <Municipality>, "people": 12, "hours": ...}, ...], .total

    - ``municipality`` (a row or id) keeps only that municipality's rows (the filter).
    - ``small_group`` hides the figures of a group whose ``count_field`` (the first aggregate
      by default) is above 0 and below it: the row stays, its figures are ``None`` and
      ``hidden`` is true, so a group of two cannot be told apart in published statistics.
    - Two queries whatever the size: the groups and the total (the caller scopes the
      queryset to what the user may see first, e.g. with `scope`).
    """
    if municipality is not None:
        queryset = queryset.filter(**{path: getattr(municipality, "pk", municipality)})
    names = {row["pk"]: row["name"] for row in _data()["municipalities"]}
    rows = Breakdown()
    count_field = count_field or next(iter(aggregates), "")
    grouped = queryset.order_by().values(path).annotate(**aggregates)
    for group in grouped:
        municipality_id = group.pop(path)
        row = {"municipality_id": municipality_id, "name": names.get(municipality_id, "")}
        row.update(group)
        row["hidden"] = bool(
            small_group and count_field and 0 < (row.get(count_field) or 0) < small_group
        )
        if row["hidden"]:
            rows.suppressed += 1
            for name in aggregates:
                row[name] = None
        rows.append(row)
    rows.sort(key=lambda r: r["name"])
    rows.total = queryset.order_by().aggregate(**aggregates) if aggregates else {}
    return rows


def pairs_across(first: dict, second: dict) -> set[tuple]:
    """(a, b) for every a of `first` and b of `second` whose municipalities differ; both map
    an id to a municipality id. Built group by group: only the pairs that cross."""
    groups_a: dict = {}
    groups_b: dict = {}
    for key, municipality_id in first.items():
        groups_a.setdefault(municipality_id, []).append(key)
    for key, municipality_id in second.items():
        groups_b.setdefault(municipality_id, []).append(key)
    pairs = set()
    for municipality_a, keys_a in groups_a.items():
        for municipality_b, keys_b in groups_b.items():
            if municipality_a != municipality_b:
                pairs.update((a, b) for a in keys_a for b in keys_b)
    return pairs


# --------------------------------------------------------------------------------------
# The municipality filter of every report
# --------------------------------------------------------------------------------------

# Query parameters that are not filters: left out of the filter form's hidden fields.
_NOT_FILTERS = ("municipality", "format", "export", "table", "page")


class MunicipalityFilter:
    """The "home municipality" filter a report shows beside its breakdown.

    ``choices`` are the municipalities the user may see (``allowed``: ids, or ``None`` for
    the user's own, see `municipality_ids_for`); ``selected`` is the id chosen with
    ``?municipality=``, ``None`` for all of them. An id that is not a choice (another
    municipality's, or no municipality at all) is a 404: never that municipality's figures.
    At most one query (the user's municipalities, remembered on the user)."""

    param = "municipality"

    def __init__(self, request, allowed=None):
        if allowed is None:
            allowed = municipality_ids_for(request.user)
        rows = sorted(_data()["municipalities"], key=lambda row: row["name"])
        self.choices = [
            (row["pk"], row["name"]) for row in rows if allowed is None or row["pk"] in allowed
        ]
        raw = request.GET.get(self.param, "").strip()
        self.selected = None
        if raw:
            if not raw.isdigit() or int(raw) not in {pk for pk, _name in self.choices}:
                raise Http404
            self.selected = int(raw)
        self.hidden = [
            (key, value)
            for key, values in request.GET.lists()
            if key not in _NOT_FILTERS
            for value in values
        ]

    @property
    def shown(self) -> bool:
        """Whether there is anything to choose (more than one municipality)."""
        return len(self.choices) > 1

    @property
    def selected_name(self) -> str:
        return next((name for pk, name in self.choices if pk == self.selected), "")


def programme_municipality_ids(user, programme) -> set[int] | None:
    """The home municipalities whose participants `user` sees in `programme`: all the
    programme serves (organiser and accepted) for the organiser's coordinators, otherwise
    the user's own among them. ``None``: every municipality (regional coordinators)."""
    own = municipality_ids_for(user)
    if own is None:
        return None
    served = {programme.organising_municipality_id, *_accepted_ids(programme)}
    served.discard(None)
    if programme.organising_municipality_id in own:
        return served
    return served & own


def _accepted_ids(programme) -> list[int]:
    cache = getattr(programme, "_prefetched_objects_cache", {})
    if "accepted_municipalities" in cache:
        return [m.pk for m in cache["accepted_municipalities"]]
    return list(programme.accepted_municipalities.values_list("pk", flat=True))


def organises(user, programme) -> bool:
    """Whether `user` coordinates the municipality that organises `programme` (or sees every
    municipality): only they run the course (absences, flags, surveys, check-in), a
    sending municipality's coordinator sees its own residents and changes nothing of it."""
    own = municipality_ids_for(user)
    return own is None or programme.organising_municipality_id in own


def enrolment_candidates(user, programme, people):
    """`people` (a `Person` queryset) narrowed to those `user` coordinates whose home
    municipality `programme` accepts: whom they may enrol. In the same statement."""
    return scope(people, user, ("home_municipality",)).filter(accepted_q(programme))


def accepted_q(programme, path: str = "home_municipality") -> Q:
    """People (``path`` from the queryset's model to their home municipality) whom
    `programme` accepts (as `accepts`), as a condition inside the same statement."""
    through = type(programme).accepted_municipalities.through
    return (
        Q(**{f"{path}__isnull": True})
        | Q(**{f"{path}_id": programme.organising_municipality_id})
        | Q(
            Exists(
                through.objects.filter(
                    programme_id=programme.pk, municipality_id=OuterRef(f"{path}_id")
                )
            )
        )
    )
