"""Matching for internships through the kompis engine (`mentors.engine`).

Two uses, the same engine and the same kind of policy as kompis matching:

1. *Newcomer → place.* Each open place is a "mentor" record of the engine with
   the place's free seats as capacity: its occupation and sector against the
   newcomer's profession, its competences as "interests", the languages used at
   work, the workplace's position, and its working hours as time slots.
2. *Intern → internship mentor.* The intern is a "newcomer" record placed at the
   workplace (so "near" means near the workplace) with the place's occupation,
   sector and working hours; the candidates are vetted volunteers with the role
   internship mentor. A volunteer whose profession and sector both differ from
   the place's is excluded (a forbidden pair) — the mentor's point is to know
   the trade. Capacity counts the volunteer's running internships.

The engine proposes; the coordinator decides (nothing here saves anything).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.districts import centroid
from associations.models import Volunteer
from mentors import engine

from .models import Internship, InternshipPlace

# Places: a newcomer at SFI level 2 can start an internship; commuting 25 km is fine.
PLACE_POLICY = engine.Policy(
    min_language_level=2,
    max_distance_km=25.0,
    respect_gender_preference=False,
    require_common_slot=True,
    weights={
        "profession": 4.0,
        "interests": 2.0,  # competences
        "language": 2.0,
        "distance": 1.5,
        "availability": 1.0,
        "age": 0.0,
        "household": 0.0,
    },
)

# Mentors: near the workplace, free in working hours, same trade.
MENTOR_POLICY = engine.Policy(
    min_language_level=3,
    max_distance_km=15.0,
    respect_gender_preference=True,
    require_common_slot=True,
    weights={
        "profession": 4.0,
        "distance": 2.0,
        "availability": 2.0,
        "language": 2.0,
        "interests": 0.0,
        "age": 0.5,
        "household": 0.0,
    },
)

CRITERION_LABELS = {
    "language": _("language"),
    "distance": _("distance"),
    "interests": _("competences"),
    "profession": _("profession or sector"),
    "age": _("age"),
    "household": _("household"),
    "availability": _("working hours"),
}


def _fold(values) -> frozenset[str]:
    return frozenset(str(v).strip().casefold() for v in values or [] if str(v).strip())


def _newcomer_fields(newcomer) -> dict:
    """What the engine reads from a `mentors.Newcomer`."""
    if hasattr(newcomer, "language_levels"):
        languages = newcomer.language_levels()  # with the level implied by the SFI course
    else:
        languages = dict(newcomer.languages or {})
    settled = newcomer.date_of_settlement
    waiting = (timezone.localdate() - settled).days if settled else 0
    gender = newcomer.gender if newcomer.gender in ("female", "male", "other") else ""
    # What the newcomer can do, matched against the place's competences.
    skills = [*(newcomer.interests or []), newcomer.education, newcomer.profession]
    latitude, longitude = newcomer.latitude, newcomer.longitude
    if latitude is None and newcomer.district:
        latitude, longitude = centroid(newcomer.district)
    return {
        "languages": languages,
        "latitude": latitude,
        "longitude": longitude,
        "district": newcomer.district or "",
        "gender": gender,
        "birth_year": newcomer.birth_year,
        "profession": newcomer.profession or "",
        "sector": newcomer.sector or "",
        "interests": _fold(skills),
        "availability": frozenset(newcomer.availability or []),
        "mentor_gender": newcomer.mentor_gender or "",
        "waiting_days": max(0, waiting),
        "label": str(newcomer),
    }


def place_record(place: InternshipPlace, taken: int) -> engine.Mentor:
    return engine.Mentor(
        id=place.pk,
        languages=dict.fromkeys(place.languages or ["sv"], 5),
        latitude=place.latitude,
        longitude=place.longitude,
        district=place.district,
        profession=place.occupation,
        sector=place.sector,
        interests=_fold(place.competences),
        availability=frozenset(place.work_slots or []),
        capacity=place.number_of_places,
        active=taken,
        label=str(place),
    )


def mentor_record(volunteer: Volunteer, active: int) -> engine.Mentor:
    return engine.Mentor(
        id=volunteer.pk,
        languages=dict(volunteer.languages or {}),
        latitude=volunteer.latitude,
        longitude=volunteer.longitude,
        district=volunteer.district,
        gender=volunteer.gender,
        birth_year=volunteer.birth_year,
        profession=volunteer.profession,
        sector=volunteer.sector,
        availability=frozenset(volunteer.availability or []),
        capacity=volunteer.capacity,
        active=active,
        label=volunteer.full_name,
    )


def intern_record(internship: Internship) -> engine.Newcomer:
    fields = _newcomer_fields(internship.newcomer)
    place = internship.place
    fields.update(
        latitude=place.latitude,
        longitude=place.longitude,
        district=place.district,
        profession=place.occupation,
        sector=place.sector,
        availability=frozenset(place.work_slots or []),
        interests=frozenset(),
    )
    return engine.Newcomer(id=internship.pk, **fields)


@dataclass
class Suggestion:
    """One candidate with its object, score and per-criterion points."""

    obj: object
    score: float
    breakdown: list[tuple[str, float]]
    top: list[str]
    distance_km: float | None


@dataclass
class Suggestions:
    items: list[Suggestion]
    considered: int
    excluded_by: dict[str, int]


def _suggestions(result: engine.CandidateList, objects: dict) -> Suggestions:
    items = [
        Suggestion(
            obj=objects[c.id],
            score=c.score,
            breakdown=[(CRITERION_LABELS[k], v) for k, v in c.breakdown.items() if v],
            top=[CRITERION_LABELS[k] for k in c.top_criteria],
            distance_km=c.distance_km,
        )
        for c in result.candidates
    ]
    return Suggestions(items, result.considered, {k: v for k, v in result.excluded_by.items() if v})


def places_for(newcomer, k: int = 5) -> Suggestions:
    """The best open, approved places for a newcomer, with their free seats."""
    places = list(
        InternshipPlace.objects.open().select_related("employer").with_taken().order_by("pk")
    )
    records = [place_record(p, p.taken_count) for p in places]
    person = engine.Newcomer(id=newcomer.pk, **_newcomer_fields(newcomer))
    result = engine.top_candidates(person, records, PLACE_POLICY, k=k)
    return _suggestions(result, {p.pk: p for p in places})


def mentor_candidates():
    return (
        Volunteer.objects.vetted()
        .with_role(Volunteer.Role.INTERNSHIP_MENTOR)
        .annotate(
            running=Count(
                "internships_mentored",
                filter=Q(internships_mentored__status__in=Internship.HOLDING),
            )
        )
        .order_by("pk")
    )


def mentors_for(internship: Internship, k: int = 5) -> Suggestions:
    """The best internship mentors for an intern, by the engine; volunteers with
    neither the place's profession nor its sector are left out."""
    volunteers = list(mentor_candidates())
    occupation = internship.place.occupation.strip().casefold()
    sector = internship.place.sector.strip().casefold()
    forbidden = [
        (internship.pk, v.pk)
        for v in volunteers
        if v.profession.strip().casefold() != occupation and v.sector.strip().casefold() != sector
    ]
    running = {v.pk: v.running - (1 if v.pk == internship.mentor_id else 0) for v in volunteers}
    records = [mentor_record(v, running[v.pk]) for v in volunteers]
    result = engine.top_candidates(
        intern_record(internship), records, MENTOR_POLICY, k=k, forbidden=forbidden
    )
    suggestions = _suggestions(result, {v.pk: v for v in volunteers})
    if "forbidden" in suggestions.excluded_by:
        suggestions.excluded_by["profession_or_sector"] = suggestions.excluded_by.pop("forbidden")
    return suggestions


# Closed newcomers have left the programme and paused ones asked for a break: neither is
# waiting for a place, whatever their internships say.
NOT_WAITING = ("closed", "paused")


def waiting_for_places(limit: int = 2000):
    """Newcomers waiting for an internship place: no internship running, not closed, not
    paused."""
    from django.apps import apps

    return (
        apps.get_model("mentors", "Newcomer")
        .objects.exclude(internships__status__in=Internship.HOLDING)
        .exclude(status__in=NOT_WAITING)
        .order_by("pk")[:limit]
    )


def propose_places(newcomers) -> engine.MatchResult:
    """One optimal assignment of waiting newcomers to open places (longest since
    settlement first), for the coordinator to review. Closed and paused newcomers are left
    out even when the caller passes them."""
    places = list(InternshipPlace.objects.open().with_taken().order_by("pk"))
    newcomers = [n for n in newcomers if getattr(n, "status", "") not in NOT_WAITING]
    return engine.match(
        [engine.Newcomer(id=n.pk, **_newcomer_fields(n)) for n in newcomers],
        [place_record(p, p.taken_count) for p in places],
        PLACE_POLICY,
    )
