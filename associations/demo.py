"""Demo data: the collaboration platform of the fictional Ålunda kommun.

38 organisations of every kind in two districts, their representatives, and
about 120 volunteers with varied languages, roles, availability and capacity.
The demo "association representative" (Ali Hassan) is admin of Röda Korset
Ålunda; the demo "volunteer" (Eva Holm) volunteers through it and one more.
Idempotent: organisations are keyed on their organisation number, volunteers
on their phone number (some have no email).
"""

import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from samverka.core.demo import demo_login, ensure_user
from samverka.people import phones
from samverka.people.models import ConsentRecord, ConsentVersion

from .districts import centroid
from .models import (
    AVAILABILITY_SLOTS,
    Membership,
    Organisation,
    Representative,
    Volunteer,
)
from .validators import luhn_check_digit

CENTRUM, VASTERBY = "Ålunda centrum", "Västerby"
K = Organisation.Kind
A = Organisation.Activity

# name, kind, district, activities, languages, what they do (Swedish)
ORGANISATIONS = [
    (
        "Röda Korset Ålunda",
        K.ASSOCIATION,
        CENTRUM,
        [A.LANGUAGE_CAFE, A.BUDDY, A.SECOND_HAND],
        ["sv", "en", "ar", "ti"],
        "Språkcafé varje tisdag på biblioteket, second hand-butik och kompisverksamhet för nya ålundabor.",
    ),
    (
        "Svenska kyrkan Ålunda församling",
        K.FAITH_COMMUNITY,
        CENTRUM,
        [A.LANGUAGE_CAFE, A.COUNSELLING, A.CHILDREN_YOUTH],
        ["sv", "en", "fa"],
        "Öppet hus med fika och svenskträning, samtalsstöd och aktiviteter för barn och unga.",
    ),
    (
        "Västerby moské och kulturförening",
        K.FAITH_COMMUNITY,
        VASTERBY,
        [A.HOMEWORK_HELP, A.WOMENS_GROUP, A.COUNSELLING],
        ["sv", "ar", "so"],
        "Läxhjälp på helgerna, kvinnogrupp och samhällsinformation på arabiska och somaliska.",
    ),
    (
        "Ålunda pingstförsamling",
        K.FAITH_COMMUNITY,
        CENTRUM,
        [A.LANGUAGE_CAFE, A.SECOND_HAND],
        ["sv", "en", "uk"],
        "Språkcafé, klädbyte och gemenskap för familjer från Ukraina och andra länder.",
    ),
    (
        "Katolska församlingen S:t Erik",
        K.FAITH_COMMUNITY,
        CENTRUM,
        [A.COUNSELLING, A.CULTURE],
        ["sv", "en", "ti", "am"],
        "Mässor på flera språk, körsång och stöd till nyanlända familjer.",
    ),
    (
        "Eritreanska ortodoxa församlingen",
        K.FAITH_COMMUNITY,
        VASTERBY,
        [A.CHILDREN_YOUTH, A.CULTURE],
        ["ti", "am", "sv"],
        "Gudstjänster på tigrinja och ge'ez, söndagsskola och kulturkvällar.",
    ),
    (
        "Västerby IF",
        K.ASSOCIATION,
        VASTERBY,
        [A.SPORT, A.CHILDREN_YOUTH],
        ["sv", "ar", "so"],
        "Fotboll för alla åldrar; nya spelare välkomna utan avgift första terminen.",
    ),
    (
        "Ålunda Brottarklubb",
        K.ASSOCIATION,
        CENTRUM,
        [A.SPORT, A.CHILDREN_YOUTH],
        ["sv", "fa"],
        "Brottning och styrketräning, ungdomsledare som talar dari.",
    ),
    (
        "Kvinnor i Västerby",
        K.ASSOCIATION,
        VASTERBY,
        [A.WOMENS_GROUP, A.LANGUAGE_CAFE, A.COUNSELLING],
        ["sv", "ar", "so", "fa"],
        "Mötesplats för kvinnor: svenska, cykelkurs, simning och samtal om hälsa.",
    ),
    (
        "Somaliska föräldraföreningen",
        K.ASSOCIATION,
        VASTERBY,
        [A.HOMEWORK_HELP, A.COUNSELLING],
        ["so", "sv"],
        "Stöd till föräldrar i skolfrågor, läxhjälp och föräldraträffar.",
    ),
    (
        "Afghanska kulturföreningen",
        K.ASSOCIATION,
        CENTRUM,
        [A.CULTURE, A.BUDDY],
        ["fa", "prs", "sv"],
        "Kulturkvällar, nyårsfirande (nowruz) och kompisar som hjälper nya ålundabor.",
    ),
    (
        "Ukrainska föreningen Ålunda",
        K.ASSOCIATION,
        CENTRUM,
        [A.LANGUAGE_CAFE, A.CHILDREN_YOUTH, A.COUNSELLING],
        ["uk", "ru", "sv"],
        "Språkcafé, barngrupp och hjälp med kontakter med myndigheter.",
    ),
    (
        "Eritreanska föreningen",
        K.ASSOCIATION,
        VASTERBY,
        [A.CULTURE, A.COUNSELLING],
        ["ti", "sv"],
        "Träffar, tolkhjälp mellan grannar och kulturarrangemang.",
    ),
    (
        "Friluftsfrämjandet Ålunda",
        K.ASSOCIATION,
        CENTRUM,
        [A.OUTDOORS, A.CHILDREN_YOUTH],
        ["sv", "en"],
        "Skogsmulle, vandringar och skridskor; lånar ut utrustning.",
    ),
    (
        "Ålunda schackklubb",
        K.ASSOCIATION,
        CENTRUM,
        [A.CULTURE, A.CHILDREN_YOUTH],
        ["sv", "en", "uk"],
        "Schack för alla åldrar, onsdagskvällar i Medborgarhuset.",
    ),
    (
        "Läxhjälpen Västerby",
        K.ASSOCIATION,
        VASTERBY,
        [A.HOMEWORK_HELP],
        ["sv", "ar", "so", "ti"],
        "Gratis läxhjälp för grundskolan, måndag och torsdag i skolans bibliotek.",
    ),
    (
        "Mentorsnätverket Ålunda",
        K.ASSOCIATION,
        CENTRUM,
        [A.MENTORS, A.JOB_COACHING],
        ["sv", "en", "ar"],
        "Yrkesverksamma mentorer som stöttar under praktik och jobbsök.",
    ),
    (
        "Ålunda Rotaryklubb",
        K.ASSOCIATION,
        CENTRUM,
        [A.MENTORS, A.INTERNSHIPS],
        ["sv", "en"],
        "Mentorprogram och praktikkontakter i det lokala näringslivet.",
    ),
    (
        "Syföreningen Nålen",
        K.ASSOCIATION,
        VASTERBY,
        [A.WOMENS_GROUP, A.CULTURE],
        ["sv", "ar", "ti"],
        "Sömnad och samtal på svenska, tisdagar i Västerby träffpunkt.",
    ),
    (
        "Hyresgästföreningen Västerby",
        K.ASSOCIATION,
        VASTERBY,
        [A.COUNSELLING, A.LANGUAGE_CAFE],
        ["sv", "ar", "so"],
        "Boenderådgivning och grannträffar på flera språk.",
    ),
    (
        "Ålunda Cykelkök",
        K.ASSOCIATION,
        CENTRUM,
        [A.OUTDOORS, A.SECOND_HAND],
        ["sv", "en", "fa"],
        "Laga din cykel själv med hjälp; cykelkurser för vuxna.",
    ),
    (
        "Studieförbundet Vuxenskolan Ålunda",
        K.STUDY_ASSOCIATION,
        CENTRUM,
        [A.STUDY_CIRCLE, A.LANGUAGE_CAFE],
        ["sv", "en", "ar", "fa"],
        "Studiecirklar i svenska och samhällskunskap, språkvänner.",
    ),
    (
        "ABF Ålunda",
        K.STUDY_ASSOCIATION,
        VASTERBY,
        [A.STUDY_CIRCLE, A.CULTURE, A.JOB_COACHING],
        ["sv", "ar", "so", "ti"],
        "Cirklar i svenska, data och arbetsmarknadskunskap.",
    ),
    (
        "Studiefrämjandet Ålunda",
        K.STUDY_ASSOCIATION,
        CENTRUM,
        [A.STUDY_CIRCLE, A.OUTDOORS],
        ["sv", "en"],
        "Cirklar om natur, musik och friluftsliv för nya och gamla ålundabor.",
    ),
    (
        "Bilda Ålunda",
        K.STUDY_ASSOCIATION,
        VASTERBY,
        [A.STUDY_CIRCLE, A.COUNSELLING],
        ["sv", "ar", "ti"],
        "Studiecirklar tillsammans med trossamfunden, samtalsgrupper.",
    ),
    (
        "Ålunda Bygg & Montage AB",
        K.COMPANY,
        CENTRUM,
        [A.INTERNSHIPS, A.MENTORS],
        ["sv", "ar", "uk"],
        "Byggföretag som tar emot praktikanter och anställer efter praktik.",
    ),
    (
        "Västerby Livs",
        K.COMPANY,
        VASTERBY,
        [A.INTERNSHIPS],
        ["sv", "ar", "so"],
        "Livsmedelsbutik med praktikplatser i butik och lager.",
    ),
    (
        "Ålunda Omsorg AB",
        K.COMPANY,
        CENTRUM,
        [A.INTERNSHIPS, A.JOB_COACHING],
        ["sv", "ti", "so", "fa"],
        "Hemtjänst och äldreomsorg; praktik som leder till undersköterskeutbildning.",
    ),
    (
        "Restaurang Kryddan",
        K.COMPANY,
        CENTRUM,
        [A.INTERNSHIPS],
        ["sv", "fa", "ar"],
        "Restaurang och catering med praktik i kök och servering.",
    ),
    (
        "Ålunda Fastigheter",
        K.COMPANY,
        VASTERBY,
        [A.INTERNSHIPS, A.SPORT],
        ["sv", "en"],
        "Fastighetsbolag som sponsrar spontanidrott och tar emot praktikanter.",
    ),
    (
        "Nordlogistik i Ålunda AB",
        K.COMPANY,
        VASTERBY,
        [A.INTERNSHIPS, A.JOB_COACHING],
        ["sv", "en", "uk", "ar"],
        "Lager och logistik; truckkort och praktik.",
    ),
    (
        "IT-huset Ålunda",
        K.COMPANY,
        CENTRUM,
        [A.INTERNSHIPS, A.MENTORS],
        ["sv", "en", "uk", "fa"],
        "IT-konsulter som mentorer och praktik för utvecklare och supporttekniker.",
    ),
    (
        "Ålunda bibliotek",
        K.PUBLIC_ACTOR,
        CENTRUM,
        [A.LANGUAGE_CAFE, A.HOMEWORK_HELP, A.CULTURE],
        ["sv", "en", "ar", "fa", "so", "ti", "uk"],
        "Böcker på många språk, språkcafé och digital hjälp.",
    ),
    (
        "Arbetsförmedlingen Ålunda",
        K.PUBLIC_ACTOR,
        CENTRUM,
        [A.JOB_COACHING, A.INTERNSHIPS],
        ["sv", "en", "ar"],
        "Jobbcoachning, praktik och etableringsprogrammet.",
    ),
    (
        "Jobbcentrum Västerby",
        K.PUBLIC_ACTOR,
        VASTERBY,
        [A.JOB_COACHING, A.COUNSELLING],
        ["sv", "ar", "so", "ti"],
        "Kommunens vägledare: drop-in för jobb, studier och försörjning.",
    ),
    (
        "Öppna förskolan Västerby",
        K.PUBLIC_ACTOR,
        VASTERBY,
        [A.CHILDREN_YOUTH, A.LANGUAGE_CAFE],
        ["sv", "ar", "so"],
        "Lek och sång för barn 0–5 år med föräldrar; föräldracafé på svenska.",
    ),
    (
        "Fritidsgården Ålunda centrum",
        K.PUBLIC_ACTOR,
        CENTRUM,
        [A.CHILDREN_YOUTH, A.SPORT],
        ["sv", "ar", "fa", "so"],
        "Fritidsgård för unga 13–18 år, läxhörna och idrott.",
    ),
    (
        "Ålunda Scoutkår",
        K.ASSOCIATION,
        VASTERBY,
        [A.OUTDOORS, A.CHILDREN_YOUTH],
        ["sv", "en"],
        "Scouting för barn från åtta år; hajker och läger.",
    ),
]

# A few pending registrations, for the coordinators' queue.
PENDING = [
    ("Västerby Kulturhus ideell förening", K.ASSOCIATION, VASTERBY, [A.CULTURE], ["sv", "ar"]),
    ("Ålunda Kompisfotboll", K.ASSOCIATION, CENTRUM, [A.SPORT, A.BUDDY], ["sv", "so"]),
]

FIRST_NAMES = {
    "sv": [
        "Anna",
        "Lars",
        "Maria",
        "Erik",
        "Karin",
        "Johan",
        "Sofia",
        "Per",
        "Ingrid",
        "Mats",
        "Elin",
        "Olof",
        "Britt",
        "Gustav",
    ],
    "ar": ["Ahmad", "Fatima", "Omar", "Layla", "Yusuf", "Rania", "Khaled", "Nour"],
    "fa": ["Reza", "Zahra", "Hamid", "Maryam", "Farid", "Shirin"],
    "ti": ["Yonas", "Senait", "Dawit", "Helen", "Tesfay", "Mehret"],
    "so": ["Abdi", "Hodan", "Mohamed", "Amina", "Farah", "Ifrah"],
    "uk": ["Olena", "Andrii", "Iryna", "Mykola", "Natalia", "Taras"],
    "en": ["James", "Emily", "Daniel", "Grace"],
}
LAST_NAMES = {
    "sv": [
        "Andersson",
        "Johansson",
        "Karlsson",
        "Nilsson",
        "Eriksson",
        "Larsson",
        "Olsson",
        "Persson",
        "Svensson",
        "Lindberg",
    ],
    "ar": ["Haddad", "Khalil", "Nasser", "Saleh", "Mansour"],
    "fa": ["Ahmadi", "Hosseini", "Karimi", "Rahimi"],
    "ti": ["Tesfaye", "Gebremedhin", "Haile", "Berhane"],
    "so": ["Warsame", "Hassan", "Abdullahi", "Jama"],
    "uk": ["Kovalenko", "Shevchenko", "Bondarenko", "Melnyk"],
    "en": ["Smith", "Brown", "Taylor"],
}
BACKGROUNDS = ["sv"] * 8 + ["ar"] * 3 + ["fa"] * 2 + ["ti"] * 2 + ["so"] * 2 + ["uk"] * 2 + ["en"]
PROFESSIONS = [
    ("Undersköterska", "Vård och omsorg"),
    ("Lärare", "Utbildning"),
    ("Snickare", "Bygg"),
    ("Systemutvecklare", "IT"),
    ("Ekonom", "Finans"),
    ("Kock", "Hotell och restaurang"),
    ("Lagerarbetare", "Logistik"),
    ("Pensionär", ""),
    ("Student", "Utbildning"),
    ("Sjuksköterska", "Vård och omsorg"),
    ("Elektriker", "Bygg"),
    ("Butikssäljare", "Handel"),
]
INTERESTS = [
    "football",
    "cooking",
    "walking",
    "chess",
    "music",
    "reading",
    "cycling",
    "gardening",
    "film",
    "crafts",
    "languages",
    "nature",
]
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def organisation_number(index: int, kind: str) -> str:
    """Deterministic, checksum-valid numbers: 802xxx for associations and faith
    communities, 556xxx for companies, 212xxx for public actors."""
    prefix = {K.COMPANY: "556", K.PUBLIC_ACTOR: "212"}.get(kind, "802")
    first_nine = f"{prefix}{500000 + index:06d}"
    digits = first_nine + luhn_check_digit(first_nine)
    return f"{digits[:6]}-{digits[6:]}"


def _representative_user(email, first_name, last_name):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=email,
        defaults={"email": email, "first_name": first_name, "last_name": last_name},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def seed_organisations(report):
    coordinator = ensure_user(demo_login("coordinator"))
    created = 0
    rows = [(*row, Organisation.Status.APPROVED) for row in ORGANISATIONS] + [
        (name, kind, district, activities, languages, "", Organisation.Status.PENDING)
        for name, kind, district, activities, languages in PENDING
    ]
    for index, (name, kind, district, activities, languages, text, status) in enumerate(rows):
        number = organisation_number(index, kind)
        other = VASTERBY if district == CENTRUM else CENTRUM
        organisation, was_created = Organisation.objects.get_or_create(
            organisation_number=number,
            defaults={
                "name": name,
                "kind": kind,
                "status": status,
                "is_listed": status == Organisation.Status.APPROVED,
                "district": district,
                "districts_served": [district] + ([other] if index % 4 == 0 else []),
                "activities": list(activities),
                "languages": list(languages),
                "description": text,
                "city": "Ålunda",
                "postcode": "176 70" if district == CENTRUM else "176 74",
                "street_address": f"{'Storgatan' if district == CENTRUM else 'Västerbyvägen'} {index + 3}",
                "email": f"info@{index:02d}.forening.example",
                "phone": f"08-580 {index:02d} {index + 10:02d}",
                "website": f"https://forening{index:02d}.example",
                "meeting_times": "Tisdagar 17–19" if A.LANGUAGE_CAFE in activities else "",
                "iop_signed_on": timezone.localdate().replace(month=1, day=15)
                if index % 5 == 0 and status == Organisation.Status.APPROVED
                else None,
                "decided_by": coordinator if status == Organisation.Status.APPROVED else None,
                "decided_at": timezone.now() if status == Organisation.Status.APPROVED else None,
            },
        )
        if was_created:
            created += 1
            if organisation.iop_signed_on:
                organisation.iop_valid_until = organisation.iop_signed_on.replace(
                    year=organisation.iop_signed_on.year + 3
                )
                organisation.save(update_fields=["iop_valid_until"])
        # One admin per organisation (two for every third), and contact persons.
        first = FIRST_NAMES["sv"][index % len(FIRST_NAMES["sv"])]
        last = LAST_NAMES["sv"][index % len(LAST_NAMES["sv"])]
        admin = _representative_user(f"ordforande.{index:02d}@demo.samverka.se", first, last)
        Representative.objects.get_or_create(
            organisation=organisation, user=admin, defaults={"role": Representative.Role.ADMIN}
        )
        if index % 3 == 0:
            contact = _representative_user(
                f"kontakt.{index:02d}@demo.samverka.se",
                FIRST_NAMES["ar"][index % 8],
                LAST_NAMES["ar"][index % 5],
            )
            Representative.objects.get_or_create(
                organisation=organisation,
                user=contact,
                defaults={"role": Representative.Role.CONTACT},
            )
    red_cross = Organisation.objects.get(organisation_number=organisation_number(0, K.ASSOCIATION))
    ali = ensure_user(demo_login("association representative"))
    Representative.objects.update_or_create(
        organisation=red_cross, user=ali, defaults={"role": Representative.Role.ADMIN}
    )
    report(
        f"{Organisation.objects.count()} organisations ({created} new), "
        f"{Representative.objects.count()} representatives; "
        f"{ali.email} is admin of {red_cross.name}"
    )


def _volunteer_rows(count: int, rng: random.Random):
    for index in range(count):
        background = BACKGROUNDS[index % len(BACKGROUNDS)]
        first = rng.choice(FIRST_NAMES[background])
        last = rng.choice(LAST_NAMES[background])
        languages = {"sv": 5 if background == "sv" else rng.randint(2, 4)}
        if background != "sv":
            languages[background] = 5
            if background == "fa":
                languages["prs"] = 4
        if background == "sv" and rng.random() < 0.5:
            languages[rng.choice(["ar", "en", "uk", "so", "ti", "fa"])] = rng.randint(1, 3)
        if rng.random() < 0.7:
            languages.setdefault("en", rng.randint(2, 5))
        roles = rng.sample(list(Volunteer.Role.values), k=rng.choice([1, 1, 2, 2, 3]))
        days = rng.sample(DAYS, k=rng.randint(1, 4))
        parts = ["morning", "afternoon", "evening"]
        availability = sorted(
            {f"{day}_{rng.choice(parts)}" for day in days}, key=AVAILABILITY_SLOTS.index
        )
        profession, sector = rng.choice(PROFESSIONS)
        district = CENTRUM if index % 2 == 0 else VASTERBY
        yield {
            "index": index,
            "first_name": first,
            "last_name": last,
            "email": f"volontar.{index:03d}@demo.samverka.se",
            "phone": f"070-{index:03d} {index * 7 % 100:02d} {index * 13 % 100:02d}",
            "district": district,
            "gender": rng.choice(
                [Volunteer.Gender.FEMALE, Volunteer.Gender.MALE] * 4
                + [Volunteer.Gender.OTHER, Volunteer.Gender.UNSTATED]
            ),
            "birth_year": rng.randint(1950, 2004),
            "languages": languages,
            "roles": roles,
            "interests": rng.sample(INTERESTS, k=rng.randint(1, 3)),
            "availability": availability,
            "capacity": rng.choice([0, 1, 1, 1, 2, 2, 3]),
            "profession": profession,
            "sector": sector,
        }


@transaction.atomic
def seed_volunteers(report, count: int = 120):
    rng = random.Random(4)  # noqa: S311 - demo data, fixed seed for repeatability
    consent = ConsentVersion.objects.current(Volunteer.CONSENT_PURPOSE)
    coordinator = ensure_user(demo_login("coordinator"))
    organisations = list(Organisation.objects.approved().order_by("organisation_number"))
    # Keyed on the phone number: some demo volunteers have no email.
    existing = {str(p) for p in Volunteer.objects.values_list("phone", flat=True)}
    now = timezone.now()
    new = []
    for row in _volunteer_rows(count, rng):
        index = row.pop("index")
        row["phone"] = phones.normalise(row["phone"])
        if row["phone"] in existing:
            continue
        latitude, longitude = centroid(row["district"])
        volunteer = Volunteer(
            **row,
            postcode="176 70" if row["district"] == CENTRUM else "176 74",
            latitude=latitude,
            longitude=longitude,
            status=Volunteer.Status.PENDING if index % 10 == 9 else Volunteer.Status.VETTED,
            source=Volunteer.Source.INVITATION if index % 3 else Volunteer.Source.PUBLIC_FORM,
            vetted_at=None if index % 10 == 9 else now,
            vetted_by=None if index % 10 == 9 else coordinator,
            criminal_record_checked_on=timezone.localdate()
            if Volunteer.Role.BUDDY in row["roles"] and index % 10 != 9
            else None,
        )
        if index % 15 == 0:
            volunteer.email = ""  # registered by a coordinator, no email address
        volunteer._demo_index = index
        new.append(volunteer)
    Volunteer.objects.bulk_create(new)
    if consent is not None:
        on_paper = [v for v in new if v._demo_index % 15 == 0]
        ConsentRecord.record_for_all(
            on_paper, consent, ConsentRecord.Method.PAPER, at=now, recorded_by=coordinator
        )
        ConsentRecord.record_for_all(
            [v for v in new if v._demo_index % 15], consent, ConsentRecord.Method.ONLINE, at=now
        )
    memberships = []
    for volunteer in new:
        index = volunteer._demo_index
        if index % 4 == 3 or not organisations:
            continue  # signed up directly with the municipality
        memberships.append(
            Membership(volunteer=volunteer, organisation=organisations[index % len(organisations)])
        )
        if index % 7 == 0:  # one person, two organisations
            memberships.append(
                Membership(
                    volunteer=volunteer,
                    organisation=organisations[(index + 5) % len(organisations)],
                )
            )
    Membership.objects.bulk_create(memberships, ignore_conflicts=True)

    # The demo volunteer persona: Eva Holm, vetted, through Röda Korset and Ålunda bibliotek.
    login = demo_login("volunteer")
    user = ensure_user(login)
    eva, created = Volunteer.objects.get_or_create(
        user=user,
        defaults={
            "first_name": login.first_name,
            "last_name": login.last_name,
            "email": login.email,
            "phone": "070-123 45 67",
            "district": CENTRUM,
            "postcode": "176 70",
            "latitude": centroid(CENTRUM)[0],
            "longitude": centroid(CENTRUM)[1],
            "gender": Volunteer.Gender.FEMALE,
            "birth_year": 1968,
            "languages": {"sv": 5, "en": 4, "ar": 2},
            "roles": [Volunteer.Role.BUDDY, Volunteer.Role.LANGUAGE_CAFE_HOST],
            "interests": ["walking", "cooking", "music"],
            "availability": ["tue_evening", "thu_afternoon", "sat_morning"],
            "capacity": 2,
            "profession": "Lärare",
            "sector": "Utbildning",
            "status": Volunteer.Status.VETTED,
            "source": Volunteer.Source.INVITATION,
            "criminal_record_checked_on": timezone.localdate(),
            "vetted_at": now,
            "vetted_by": coordinator,
        },
    )
    if created and consent is not None:
        eva.record_consent(consent, ConsentRecord.Method.ONLINE, at=now)
    for number in (organisation_number(0, K.ASSOCIATION), organisation_number(32, K.PUBLIC_ACTOR)):
        organisation = Organisation.objects.filter(organisation_number=number).first()
        if organisation:
            Membership.objects.get_or_create(volunteer=eva, organisation=organisation)
    report(
        f"{Volunteer.objects.count()} volunteers ({len(new)} new), "
        f"{Membership.objects.count()} memberships; {login.email} is one of them"
    )


SEEDERS = [seed_organisations, seed_volunteers]
