# SPDX-License-Identifier: MPL-2.0
"""The three networks described in seeds 000-003 (Socialstyrelsen, KL), as Python data.

Facts are transcribed from the seeds (via shared/domain/networks.yaml). Everything the
seeds do not say is marked SYNTHETIC in a `note`: exact dates of seminars and meetings,
which municipalities were partnership or reference municipalities where not named,
which municipalities make up the leader network's regional counts, and all people."""

from typing import NotRequired, TypedDict


class EventSpec(TypedDict):
    """An event; times are "YYYY-MM-DD HH:MM" in Danish time."""

    title: str
    start: str
    end: str
    kind: NotRequired[str]  # default: network_meeting
    place: NotRequired[str]
    agenda: NotRequired[str]
    note: NotRequired[str]


class TaskSpec(TypedDict):
    title: str
    due: str  # ISO date
    description: str
    handed_in_share: float  # SYNTHETIC: share of member municipalities that handed in


class NetworkSpec(TypedDict):
    """What every network has; starts_on and ends_on are in the specs below (the partnership has none)."""

    key: str
    name: str
    kind: str
    organisers: str
    purpose: str
    source: str


class PartnershipGroup(TypedDict):
    name: str
    chair: str  # municipality name
    members: list[str]


class PartnershipSpec(NetworkSpec):
    starts_on: None
    ends_on: None
    member_list_date: str
    partnership: list[str]
    groups: list[PartnershipGroup]
    persons_per_municipality: int
    events: list[EventSpec]
    tasks: list[TaskSpec]


class CallSpec(TypedDict):
    title: str
    published: str
    deadline: str
    text: str


class ReferenceSpec(NetworkSpec):
    starts_on: str
    ends_on: str
    max_member_municipalities: int
    max_participants_per_municipality: int
    partnership: list[str]
    partnership_note: str
    call: CallSpec
    accepted_applications: int
    declined_applications: int
    events: list[EventSpec]


class LeaderGroup(TypedDict):
    name: str
    region: int  # region code
    members: int
    municipalities: int
    autumn_2022: str  # ISO date


class LeaderAutumnSpec(TypedDict):
    title: str
    start: str  # time of day, on each group's own date
    end: str
    agenda: str


class LeaderSpec(NetworkSpec):
    starts_on: str
    ends_on: str
    member_note: str
    groups: list[LeaderGroup]
    kickoff: EventSpec
    autumn_2022: LeaderAutumnSpec
    regional_meetings: list[tuple[str, str]]  # month prefixes "YYYY-MM-" (spring, autumn)
    conference: EventSpec
    tasks: list[TaskSpec]


ILLUSTRATIVE = "Dato illustrativ: kilden angiver ikke den præcise dato (syntetisk demo)."

PARTNERSHIP_2016: PartnershipSpec = {
    "key": "partnerskab-2016",
    "name": "Partnerskabsnetværket om en tidligere forebyggende og mere effektiv indsats",
    "kind": "partnership",
    "organisers": "Socialstyrelsen",
    "purpose": ("Kommuner udvikler egen praksis i retning af en tidligere forebyggende og mere effektiv indsats "
                "for udsatte børn og unge. Tre partnerskabskommuner og en række referencekommuner i tre "
                "geografiske klynger med en formandskommune i hver. Fælles temaseminarer og lokalt "
                "udviklingsarbejde mellem møderne (\"hjem og arbejde\"). Formandskabet betjenes af et fælles "
                "sekretariat med medarbejdere fra formandskommunerne og Socialstyrelsen."),
    "starts_on": None, "ends_on": None,
    "member_list_date": "2016-09-07",  # "Sidst opdateret 07/09 2016": memberships are valid from then
    "source": "Seed 000 (sidst opdateret 07.09.2016) og 001. Seed 004 nævner 22 referencekommuner; listen har 19.",
    "partnership": ["Hvidovre", "Haderslev", "Herning"],
    "groups": [
        {"name": "Klynge Øst", "chair": "København",
         "members": ["København", "Hvidovre", "Hillerød", "Lyngby-Taarbæk", "Odsherred", "Roskilde", "Rudersdal"]},
        # The seed says "formand for klynge Øst" for Svendborg: an evident slip for Midt.
        {"name": "Klynge Midt", "chair": "Svendborg",
         "members": ["Svendborg", "Haderslev", "Guldborgsund", "Nyborg", "Slagelse", "Næstved", "Odense"]},
        {"name": "Klynge Vest", "chair": "Brønderslev",
         "members": ["Brønderslev", "Herning", "Jammerbugt", "Randers", "Syddjurs", "Vesthimmerlands", "Viborg",
                     "Kolding"]},
    ],
    "persons_per_municipality": 2,  # SYNTHETIC
    "events": [
        {"kind": "theme_seminar", "title": "Temaseminar: udvikling af tilbudsviften",
         "start": "2016-10-27 09:30", "end": "2016-10-27 15:30", "note": ILLUSTRATIVE},
        {"kind": "theme_seminar", "title": "Temaseminar: koblingen til almenområdet",
         "start": "2017-02-23 09:30", "end": "2017-02-23 15:30", "note": ILLUSTRATIVE},
        {"kind": "theme_seminar", "title": "Temaseminar: sagsbehandling",
         "start": "2017-05-18 09:30", "end": "2017-05-18 15:30", "note": ILLUSTRATIVE},
    ],
    "tasks": [
        {"title": "Hjem og arbejde: lokalt udviklingsarbejde", "due": "2017-01-31",
         "description": "Beskriv det udviklingsarbejde, kommunen har sat i gang siden temaseminaret (syntetisk).",
         "handed_in_share": 0.6},
    ],
}

REFERENCE_2020: ReferenceSpec = {
    "key": "reference-progression-2020",
    "name": "Referencenetværk om systematisk fokus på barnets progression i sagsbehandlingen",
    "kind": "reference",
    "organisers": "Socialstyrelsen (processtøtte ved et konsulenthus)",
    "purpose": ("Referencenetværket drøfter og kvalificerer det udviklingsarbejde, fem partnerskabskommuner laver "
                "med Socialstyrelsen om opfølgning og et systematisk fokus på barnets progression. Et todages "
                "vidensseminar og fire netværksmøder. I den afsluttende fase udgives en håndbog til alle kommuner."),
    "starts_on": "2021-01-01", "ends_on": "2022-09-30",
    "max_member_municipalities": 15, "max_participants_per_municipality": 3,
    "source": "Seed 002 (27.08.2020).",
    # SYNTHETIC: the seed says five partnership municipalities but does not name them.
    "partnership": ["Aarhus", "Esbjerg", "Frederikshavn", "Holbæk", "Gentofte"],
    "partnership_note": "Partnerskabskommunerne er ikke navngivet i kilden; disse fem er syntetiske pladsholdere.",
    "call": {
        "title": "Bliv en del af vores nye referencenetværk om fokus på barnets progression",
        "published": "2020-08-27 10:00", "deadline": "2020-10-01 23:59",
        "text": ("Vil I have inspiration til at udvikle jeres sagsbehandling, og har I interesse for særligt at "
                 "styrke opfølgning og et systematisk fokus på barnets progression? Så vær med i det nye "
                 "referencenetværk, som op til 15 kommuner kan deltage i.\n\n"
                 "Referencekommunerne deltager aktivt i et todages vidensseminar i starten af januar 2021 og "
                 "fire møder i netværket i perioden januar 2021 – september 2022. Der er plads til tre personer "
                 "fra hver kommune.\n\n"
                 "Ansøgningen skal indeholde en kort beskrivelse på ½–1 A4-side af:\n"
                 "1. Hvorfor I ønsker at være med i referencenetværket\n"
                 "2. Hvilke konkrete ledere og nøglepersoner I ønsker skal deltage"),
    },
    # SYNTHETIC: who applied and who was accepted is not in the seed.
    "accepted_applications": 15, "declined_applications": 2,
    "events": [
        {"kind": "theme_seminar", "title": "Todages vidensseminar",
         "start": "2021-01-07 09:30", "end": "2021-01-08 15:30", "note": ILLUSTRATIVE},
        {"kind": "network_meeting", "title": "Netværksmøde 1", "start": "2021-04-20 10:00", "end": "2021-04-20 15:00",
         "note": ILLUSTRATIVE},
        {"kind": "network_meeting", "title": "Netværksmøde 2", "start": "2021-09-14 10:00", "end": "2021-09-14 15:00",
         "note": ILLUSTRATIVE},
        {"kind": "network_meeting", "title": "Netværksmøde 3", "start": "2022-02-08 10:00", "end": "2022-02-08 15:00",
         "note": ILLUSTRATIVE},
        {"kind": "network_meeting", "title": "Netværksmøde 4", "start": "2022-06-14 10:00", "end": "2022-06-14 15:00",
         "note": ILLUSTRATIVE},
    ],
}

ELECTION_REASON = "Aflyst på grund af valgkampen (folketingsvalget 2022)."

LEADER_2022: LeaderSpec = {
    "key": "ledernetvaerk-2022",
    "name": "Ledernetværk på udsatte børn- og ungeområdet 2022-2025",
    "kind": "leader",
    "organisers": "Social- og Ældreministeriet, Socialstyrelsen, KL",
    "purpose": ("Et netværk for kommunale chefer, ledere og teamledere på det udsatte børneområde (myndighed og "
                "udfører), med fokus på Børnene Først og implementeringen af Barnets Lov. Tilmelding og afbud "
                "via tilsendt link."),
    "starts_on": "2022-06-01", "ends_on": "2025-12-31",
    "source": "Seed 003 (sidst opdateret 23.02.2024).",
    "member_note": ("Kilden giver kun antal medlemmer og kommuner pr. region; hvilke kommuner og alle personer "
                    "er syntetiske."),
    "groups": [
        {"name": "Region Hovedstaden", "region": 1084, "members": 116, "municipalities": 24,
         "autumn_2022": "2022-11-10"},
        {"name": "Region Nordjylland", "region": 1081, "members": 55, "municipalities": 10,
         "autumn_2022": "2022-11-01"},
        {"name": "Region Midtjylland", "region": 1082, "members": 100, "municipalities": 17,
         "autumn_2022": "2022-11-03"},
        {"name": "Region Syddanmark", "region": 1083, "members": 99, "municipalities": 18,
         "autumn_2022": "2022-11-02"},
        {"name": "Region Sjælland", "region": 1085, "members": 75, "municipalities": 15,
         "autumn_2022": "2022-11-08"},
    ],
    "kickoff": {"title": "Kick-off for ledernetværket (alle fem netværk)", "start": "2022-06-02 10:00",
                "end": "2022-06-02 15:30", "note": "Dato fra kilden; klokkeslæt illustrativt."},
    "autumn_2022": {"title": "Andet møde i ledernetværket", "start": "09:30", "end": "16:00",
                    "agenda": ("Hovedtema: et fælles børnesyn på tværs af det sociale børneområde; dagtilbud, "
                               "skole, PPR og sundhedsplejen.")},
    # Two regional meetings a year 2023-2025; the seed gives no dates.
    "regional_meetings": [("2023-05-", "2023-11-"), ("2024-05-", "2024-11-"), ("2025-05-", "2025-11-")],
    "conference": {"title": "Afsluttende konference", "start": "2025-11-27 09:30", "end": "2025-11-27 16:00",
                   "note": "Kilden siger \"ultimo 2025\"; " + ILLUSTRATIVE},
    "tasks": [
        {"title": "Opgave mellem møderne: hvordan understøtter ledelsen kulturændringen i Børnene Først?",
         "due": "2023-04-28", "description": "Analyseaktivitet i egen kommune før forårets netværksmøde (syntetisk).",
         "handed_in_share": 0.5},
    ],
}

NETWORKS: list[NetworkSpec] = [PARTNERSHIP_2016, REFERENCE_2020, LEADER_2022]

# Synthetic people: invented combinations, e-mail addresses under the reserved .example domain.
FIRST_NAMES = ["Anne", "Mette", "Lone", "Camilla", "Louise", "Hanne", "Pia", "Sara", "Maria", "Line", "Helle",
               "Jonas", "Mads", "Rasmus", "Anders", "Peter", "Søren", "Jesper", "Thomas", "Michael", "Kasper",
               "Ida", "Signe", "Trine", "Birgitte", "Karen", "Niels", "Lars", "Henrik", "Ole"]
LAST_NAMES = ["Holm", "Krogh", "Bech", "Lund", "Dahl", "Vestergaard", "Skov", "Friis", "Mortensen", "Juhl",
              "Bruun", "Kjær", "Lindberg", "Thorsen", "Winther", "Møller", "Østergaard", "Bach", "Hviid", "Fogh"]
TITLES_LEADER = ["Børne- og familiechef", "Afdelingsleder, myndighed", "Teamleder", "Leder, udførerområdet",
                 "Faglig leder", "Familiechef"]
TITLES_PRACTICE = ["Afdelingsleder", "Teamleder", "Udviklingskonsulent", "Faglig koordinator", "Rådgiver"]
