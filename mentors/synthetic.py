"""Realistic synthetic newcomers and mentors for the benchmark and the demo (no Django).

The mix follows the Swedish reception of recent years: Arabic, Dari, Tigrinya, Somali and
Ukrainian speakers among newcomers, learning Swedish at SFI (levels 1-4) and often some
English; mentors are mostly Swedish speakers with English, some of them earlier arrivals
who also speak a newcomer language. People live in districts of the Stockholm region.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .engine import SLOTS, Mentor, Newcomer

# (name, latitude, longitude, relative weight)
DISTRICTS = (
    ("Jakobsberg", 59.4236, 17.8340, 10),
    ("Kallhäll", 59.4517, 17.8067, 5),
    ("Barkarby", 59.4072, 17.8747, 5),
    ("Viksjö", 59.4130, 17.8030, 4),
    ("Skälby", 59.4330, 17.8600, 3),
    ("Stäket", 59.4600, 17.7700, 2),
    ("Tensta", 59.3940, 17.9010, 7),
    ("Rinkeby", 59.3880, 17.9280, 7),
    ("Husby", 59.4100, 17.9280, 5),
    ("Hässelby", 59.3670, 17.8330, 5),
    ("Vällingby", 59.3630, 17.8720, 4),
    ("Sundbyberg", 59.3617, 17.9717, 6),
    ("Solna", 59.3600, 18.0000, 6),
    ("Sollentuna", 59.4280, 17.9510, 5),
    ("Kungsängen", 59.4780, 17.7500, 3),
    ("Upplands Väsby", 59.5180, 17.9110, 4),
    ("Märsta", 59.6170, 17.8540, 3),
    ("Fittja", 59.2470, 17.8600, 6),
    ("Alby", 59.2390, 17.8450, 5),
    ("Södertälje", 59.1955, 17.6253, 7),
    ("Huddinge", 59.2370, 17.9820, 5),
    ("Skärholmen", 59.2770, 17.9070, 5),
    ("Farsta", 59.2430, 18.0930, 4),
    ("Haninge", 59.1680, 18.1440, 4),
    ("Nacka", 59.3110, 18.1640, 4),
    ("Täby", 59.4440, 18.0690, 3),
)

# newcomers' first languages (ISO 639 codes) and their share
NEWCOMER_LANGUAGES = (
    ("ar", 0.30),  # Arabic
    ("prs", 0.15),  # Dari
    ("ti", 0.11),  # Tigrinya
    ("so", 0.10),  # Somali
    ("uk", 0.20),  # Ukrainian
    ("fa", 0.06),  # Persian
    ("ckb", 0.04),  # Kurdish (Sorani)
    ("en", 0.04),  # English
)

INTERESTS = (
    "cooking",
    "football",
    "walking",
    "music",
    "crafts",
    "gardening",
    "reading",
    "children_activities",
    "swimming",
    "cycling",
    "museums",
    "fika",
    "nature",
    "computers",
    "chess",
    "dance",
    "volunteering",
    "film",
    "faith",
    "running",
)

# (profession, sector)
PROFESSIONS = (
    ("nurse", "health"),
    ("doctor", "health"),
    ("assistant_nurse", "health"),
    ("teacher", "education"),
    ("preschool_teacher", "education"),
    ("engineer", "technology"),
    ("software_developer", "technology"),
    ("electrician", "construction"),
    ("carpenter", "construction"),
    ("bus_driver", "transport"),
    ("truck_driver", "transport"),
    ("chef", "hospitality"),
    ("hairdresser", "services"),
    ("accountant", "finance"),
    ("economist", "finance"),
    ("lawyer", "public"),
    ("social_worker", "public"),
    ("farmer", "agriculture"),
    ("shop_assistant", "retail"),
    ("mechanic", "industry"),
)

HOUSEHOLDS = ("alone", "couple", "with_children")


@dataclass
class Population:
    newcomers: list[Newcomer]
    mentors: list[Mentor]


def _place(rng, weights):
    k = rng.choice(len(DISTRICTS), p=weights)
    name, lat, lon, _ = DISTRICTS[k]
    # spread of about 1.5 km around the district's centre
    return name, lat + rng.normal(0, 0.013), lon + rng.normal(0, 0.026)


def _slots(rng, count, bias):
    probs = np.array(
        [bias[s.split("_")[1]] * (1.6 if s[:3] in ("sat", "sun") else 1) for s in SLOTS]
    )
    probs /= probs.sum()
    return frozenset(SLOTS[k] for k in rng.choice(len(SLOTS), size=count, replace=False, p=probs))


def generate(n_newcomers: int, n_mentors: int, seed: int = 1) -> Population:
    rng = np.random.default_rng(seed)
    weights = np.array([d[3] for d in DISTRICTS], dtype=float)
    weights /= weights.sum()
    codes = [c for c, _ in NEWCOMER_LANGUAGES]
    shares = np.array([s for _, s in NEWCOMER_LANGUAGES])
    shares /= shares.sum()
    newcomers = []
    for k in range(n_newcomers):
        first = codes[rng.choice(len(codes), p=shares)]
        languages = {first: 5}
        swedish = int(rng.choice([0, 1, 2, 3, 4], p=[0.05, 0.25, 0.35, 0.25, 0.10]))
        if swedish:
            languages["sv"] = swedish
        if first != "en" and rng.random() < 0.45:
            languages["en"] = int(rng.integers(1, 5))
        if first == "uk" and rng.random() < 0.7:
            languages["ru"] = 4
        if first == "prs" and rng.random() < 0.5:
            languages["fa"] = 4
        gender = "female" if rng.random() < 0.5 else "male"
        prefers = ""
        if gender == "female" and rng.random() < 0.35:
            prefers = "female"
        elif gender == "male" and rng.random() < 0.08:
            prefers = "male"
        district, lat, lon = _place(rng, weights)
        prof, sector = (
            PROFESSIONS[rng.integers(len(PROFESSIONS))] if rng.random() < 0.7 else ("", "")
        )
        newcomers.append(
            Newcomer(
                id=k + 1,
                languages=languages,
                latitude=round(lat, 5),
                longitude=round(lon, 5),
                district=district,
                gender=gender,
                birth_year=int(rng.integers(1960, 2006)),
                household=HOUSEHOLDS[rng.choice(3, p=[0.4, 0.2, 0.4])],
                interests=frozenset(
                    INTERESTS[i] for i in rng.choice(len(INTERESTS), rng.integers(1, 5), False)
                ),
                profession=prof,
                sector=sector,
                availability=_slots(
                    rng, int(rng.integers(3, 9)), {"morning": 0.6, "afternoon": 1.2, "evening": 1.0}
                ),
                mentor_gender=prefers,
                waiting_days=int(rng.exponential(90)),
                label=f"Newcomer {k + 1}",
            )
        )
    mentors = []
    heritage = ["ar", "prs", "ti", "so", "uk", "fa", "ckb"]
    heritage_p = np.array([0.35, 0.12, 0.08, 0.1, 0.15, 0.12, 0.08])
    for k in range(n_mentors):
        languages = {"sv": 5, "en": int(rng.choice([0, 2, 3, 4, 5], p=[0.05, 0.1, 0.3, 0.35, 0.2]))}
        if rng.random() < 0.12:  # an earlier arrival who speaks a newcomer language
            languages[heritage[rng.choice(len(heritage), p=heritage_p)]] = 5
            languages["sv"] = int(rng.choice([4, 5]))
        if rng.random() < 0.04:
            languages["ru"] = int(rng.integers(2, 5))
        languages = {c: v for c, v in languages.items() if v}
        gender = "female" if rng.random() < 0.65 else "male"
        district, lat, lon = _place(rng, weights)
        prof, sector = PROFESSIONS[rng.integers(len(PROFESSIONS))]
        mentors.append(
            Mentor(
                id=k + 1,
                languages=languages,
                latitude=round(lat, 5),
                longitude=round(lon, 5),
                district=district,
                gender=gender,
                birth_year=int(rng.integers(1945, 2004)),
                household=HOUSEHOLDS[rng.choice(3, p=[0.35, 0.35, 0.3])],
                interests=frozenset(
                    INTERESTS[i] for i in rng.choice(len(INTERESTS), rng.integers(1, 6), False)
                ),
                profession=prof,
                sector=sector,
                availability=_slots(
                    rng, int(rng.integers(2, 7)), {"morning": 0.3, "afternoon": 0.6, "evening": 1.4}
                ),
                newcomer_gender="female" if gender == "female" and rng.random() < 0.1 else "",
                capacity=int(rng.choice([0, 1, 2, 3], p=[0.03, 0.55, 0.30, 0.12])),
                label=f"Mentor {k + 1}",
            )
        )
    return Population(newcomers, mentors)
