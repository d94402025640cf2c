# SPDX-License-Identifier: MPL-2.0
"""Assessment points (vurderingspunkter) as versioned data, and the default rule set.

A `Point` names its theme, law period (None: both), legal reference and source,
whether it is statutory or a local practice standard, its rule (an expression
over checks, `expr`), and the fixed Danish and English phrases the report
uses ("I 13 af 16 sager <phrase>."). Change a point's rule or phrases: raise
its version; change the set: raise the rule set's version. Every stored
finding records the point's version, and every stored review the rule set.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from .checks.case import LIFE_AREAS
from .expr import AllOf, Check, Expr, expr_from_dict

THEMES: tuple[tuple[str, str, str], ...] = (
    ("notifications", "Håndtering af underretninger", "Handling of notifications"),
    ("involvement", "Inddragelse af barn, familie og netværk", "Involvement of child, family and network"),
    ("investigation", "Den børnefaglige undersøgelse", "The child-professional investigation"),
    ("measures", "Iværksættelse af indsats", "Starting measures"),
    ("followup", "Opfølgning", "Follow-up"),
)
THEME_IDS = tuple(t[0] for t in THEMES)


@dataclass(frozen=True)
class Point:
    id: str
    version: int
    theme: str
    law: str | None
    title_da: str
    title_en: str
    legal_reference: str
    source: str
    statutory: bool
    rule: Expr
    met_da: str
    met_en: str
    not_met_da: str
    not_met_en: str
    recommendation_da: str
    recommendation_en: str
    notes: str = ""
    limits: str = ""
    limits_da: str = ""
    legal_reference_da: str = ""  # the hjemmel as Danish pages show it (issue #16)

    def __post_init__(self) -> None:
        if self.theme not in THEME_IDS:
            raise ValueError(f"point {self.id}: unknown theme {self.theme!r}; use {THEME_IDS}")
        if self.law not in (None, "SEL", "BL"):
            raise ValueError(f"point {self.id}: law must be SEL, BL or null")

    def title(self, language: str) -> str:
        return self.title_da if language == "da" else self.title_en

    def hjemmel(self, language: str) -> str:
        """The legal basis in the page's language: Danish pages never show the English reference."""
        return self.legal_reference_da if language == "da" and self.legal_reference_da else self.legal_reference

    def limits_text(self, language: str) -> str:
        return self.limits_da if language == "da" and self.limits_da else self.limits

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "version": self.version, "theme": self.theme, "law": self.law,
            "title_da": self.title_da, "title_en": self.title_en, "legal_reference": self.legal_reference,
            "source": self.source, "statutory": self.statutory, "rule": self.rule.to_dict(),
            "met_da": self.met_da, "met_en": self.met_en, "not_met_da": self.not_met_da,
            "not_met_en": self.not_met_en, "recommendation_da": self.recommendation_da,
            "recommendation_en": self.recommendation_en, "notes": self.notes, "limits": self.limits,
            "limits_da": self.limits_da, "legal_reference_da": self.legal_reference_da,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Point:
        fields = {k: data[k] for k in ("id", "theme", "title_da", "title_en", "legal_reference", "source",
                                       "met_da", "met_en", "not_met_da", "not_met_en", "recommendation_da",
                                       "recommendation_en")}
        return cls(version=int(data["version"]), law=data.get("law"), statutory=bool(data["statutory"]),
                   rule=expr_from_dict(data["rule"]), notes=data.get("notes", ""), limits=data.get("limits", ""),
                   limits_da=data.get("limits_da", ""), legal_reference_da=data.get("legal_reference_da", ""),
                   **fields)


@dataclass(frozen=True)
class RuleSet:
    """The points of a review, versioned as a whole."""

    id: str
    version: int
    points: tuple[Point, ...]

    def __post_init__(self) -> None:
        ids = [p.id for p in self.points]
        if len(ids) != len(set(ids)):
            raise ValueError("a rule set holds two points with the same id")

    def point(self, point_id: str) -> Point:
        for p in self.points:
            if p.id == point_id:
                return p
        raise KeyError(point_id)

    def without(self, *point_ids: str) -> RuleSet:
        return replace(self, points=tuple(p for p in self.points if p.id not in point_ids))

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "version": self.version, "points": [p.to_dict() for p in self.points]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RuleSet:
        return cls(data["id"], int(data["version"]), tuple(Point.from_dict(p) for p in data["points"]))


def _deadline(kind: str, **params: Any) -> Check:
    return Check.of("deadline", rule_kind=kind, **params)


DEADLINE_NOTE = ("Read from the deadline engine (docs/rules.md): the same obligation, computed with the "
                 "municipality's calendar and rule settings as of the review moment, that the deadline pages "
                 "show. Not yet due at the review moment: not applicable.")

POINTS: tuple[Point, ...] = (
    Point(
        id="notification.acute_assessment", version=1, theme="notifications", law=None,
        title_da="Akutvurdering inden for 24 timer", title_en="Acute assessment within 24 hours",
        legal_reference="SEL § 155 stk. 2 / BL § 136 (stk. UNCONFIRMED)", legal_reference_da="SEL § 155, stk. 2 / BL § 136", source="dukh.dk; sm.dk",
        statutory=True, rule=_deadline("acute_assessment"),
        met_da="er underretningen akutvurderet inden for 24 timer",
        met_en="the notification was assessed for acute need within 24 hours",
        not_met_da="er underretningen ikke akutvurderet inden for 24 timer",
        not_met_en="the notification was not assessed for acute need within 24 hours",
        recommendation_da="der er en fast procedure for akutvurdering inden for 24 timer, også uden for "
                          "åbningstid (døgnvagt)",
        recommendation_en="a fixed procedure ensures the acute assessment within 24 hours, also outside "
                          "office hours (duty service)",
        notes="Each notification about the child received in the period. " + DEADLINE_NOTE,
    ),
    Point(
        id="notification.acute_action", version=1, theme="notifications", law=None,
        title_da="Handling ved akut behov", title_en="Action where acute need was found",
        legal_reference="SEL § 155 stk. 2 / BL § 136 (stk. UNCONFIRMED)", legal_reference_da="SEL § 155, stk. 2 / BL § 136", source="dukh.dk; sm.dk",
        statutory=True,
        rule=AllOf((Check.of("acute_action_documented"), Check.of("acute_followon"))),
        met_da="er det ved akut behov beskrevet, hvad der blev gjort, og der er fulgt op",
        met_en="where acute need was found, what was done is written down and followed up",
        not_met_da="er det ved akut behov ikke beskrevet, hvad der blev gjort, eller der er ikke fulgt op i tide",
        not_met_en="where acute need was found, what was done is not written down or not followed up in time",
        recommendation_da="det altid dokumenteres, hvad der gøres, når akutvurderingen finder et akut behov, "
                          "og at sagen følges op straks",
        recommendation_en="what is done is always documented when the acute assessment finds an acute need, "
                          "and the case is followed up at once",
        notes="Only notifications whose acute assessment found an acute need (acute true); otherwise not "
              "applicable. Both checks must be met.",
        limits="Whether the action was the right one is for the reviewer to judge.",
        limits_da="Om handlingen var den rette, vurderes ved sagsgennemgangen.",
    ),
    Point(
        id="notification.acknowledgement", version=1, theme="notifications", law=None,
        title_da="Kvittering for modtagelse", title_en="Acknowledgement of receipt",
        legal_reference="SEL § 155 b stk. 1 / BL § 138 stk. 1 (probable, see docs/rules.md)", legal_reference_da="SEL § 155 b, stk. 1 / BL § 138, stk. 1",
        source="lejre.dk; vejen.dk; viborg.dk", statutory=True, rule=_deadline("acknowledgement"),
        met_da="er der kvitteret rettidigt for modtagelsen af underretningen",
        met_en="receipt of the notification was acknowledged in time",
        not_met_da="er der ikke kvitteret rettidigt for modtagelsen af underretningen",
        not_met_en="receipt of the notification was not acknowledged in time",
        recommendation_da="der kvitteres systematisk for modtagelsen af underretninger inden for 6 hverdage",
        recommendation_en="receipt of notifications is acknowledged systematically within 6 working days",
        notes="Which notifiers are acknowledged (professional only, or all) and whether Saturdays count are "
              "the deadline rule's UNCONFIRMED parameters (docs/rules.md). " + DEADLINE_NOTE,
    ),
    Point(
        id="notification.notifier_feedback", version=1, theme="notifications", law=None,
        title_da="Tilbagemelding til faglig underretter dokumenteret",
        title_en="Feedback to the professional notifier documented",
        legal_reference="SEL § 155 b stk. 2 / BL § 138 stk. 2 (probable, see docs/rules.md)", legal_reference_da="SEL § 155 b, stk. 2 / BL § 138, stk. 2",
        source="socialstyrelsen.dk (Overgrebspakken)", statutory=True,
        rule=_deadline("notifier_feedback", met=["met_on_time", "met_late"], not_met=["overdue"]),
        met_da="fremgår det af sagens akter, at faglig underretter har fået besked om, at der er iværksat "
               "undersøgelse eller foranstaltning",
        met_en="the case records show that the professional notifier was told that an investigation or "
               "measure was started",
        not_met_da="fremgår det ikke af sagens akter, at faglig underretter har fået besked om, at der er "
                   "iværksat undersøgelse eller foranstaltning",
        not_met_en="the case records do not show that the professional notifier was told that an "
                   "investigation or measure was started",
        recommendation_da="der indføres en systematisk sikring af, at faglige underrettere bliver orienteret, "
                          "og at orienteringen dokumenteres i sagens akter",
        recommendation_en="a systematic routine ensures that professional notifiers are told, and that this "
                          "is documented in the case records",
        notes="Applies when an investigation or measure started after a professional notifier's notification. "
              "The law sets no deadline: feedback given late still counts as documented; none given when the "
              "deadline rule's (UNCONFIRMED, configurable) deadline has passed counts as not met. "
              + DEADLINE_NOTE,
        limits="Feedback given orally at a meeting but not recorded cannot be seen (seed 004 describes exactly "
               "this).",
        limits_da="En tilbagemelding givet mundtligt på et møde, men ikke noteret, kan ikke ses i sagen.",
    ),
    Point(
        id="notification.reassessment", version=1, theme="notifications", law=None,
        title_da="Genvurdering når barnet allerede har en indsats",
        title_en="Reassessment when the child already has a measure",
        legal_reference="SEL § 155 a stk. 1 / BL § 137 stk. 1", legal_reference_da="SEL § 155 a, stk. 1 / BL § 137, stk. 1", source="lovguiden.dk (BL § 137)",
        statutory=True,
        rule=_deadline("reassessment", met=["met_on_time", "met_late"], not_met=["overdue"],
                       open_not_met_after_days=30),
        met_da="er der foretaget en genvurdering efter underretningen om et barn med en igangværende indsats",
        met_en="a reassessment was made after the notification about a child with a running measure",
        not_met_da="er der ikke dokumenteret en genvurdering efter underretningen om et barn med en "
                   "igangværende indsats",
        not_met_en="no reassessment is documented after the notification about a child with a running measure",
        recommendation_da="underretninger om børn med en igangværende indsats altid fører til en dokumenteret "
                          "genvurdering",
        recommendation_en="notifications about children with a running measure always lead to a documented "
                          "reassessment",
        notes="A decision on the notification for the child counts as the reassessment. Still no decision 30 "
              "days after receipt (local convention; the law sets no deadline) counts as not met. "
              + DEADLINE_NOTE,
        limits="BL § 137: whether someone not previously involved took part is not recorded and not checked.",
        limits_da="Barnets lov § 137: om en person, der ikke tidligere har været involveret, har deltaget, "
                  "registreres og kontrolleres ikke.",
    ),
    Point(
        id="involvement.child_conversation", version=1, theme="involvement", law=None,
        title_da="Børnesamtale før afgørelse", title_en="Child conversation before the decision",
        legal_reference="SEL § 48 / BL § 5 stk. 3-4", legal_reference_da="SEL § 48 / BL § 5, stk. 3-4", source="ast.dk; lovguiden.dk (BL § 5)", statutory=True,
        rule=_deadline("child_conversation"),
        met_da="er der afholdt børnesamtale før afgørelsen om indsats",
        met_en="a child conversation was held before the decision on a measure",
        not_met_da="er der ikke afholdt børnesamtale før afgørelsen om indsats",
        not_met_en="no child conversation was held before the decision on a measure",
        recommendation_da="der afholdes og dokumenteres en børnesamtale før hver afgørelse",
        recommendation_en="a child conversation is held and documented before every decision",
        notes="Each measure decided in the period (early preventive support only if the deadline rule's "
              "include_early is set). " + DEADLINE_NOTE,
        limits="Where the law allows the conversation to be left out (age, maturity, the matter), the reviewer "
               "overrides the finding with the reason.",
        limits_da="Hvor loven tillader at undlade samtalen (alder, modenhed, sagens karakter), ændrer "
                  "sagsgennemgangen vurderingen med begrundelsen.",
    ),
    Point(
        id="involvement.child_and_parents", version=1, theme="involvement", law=None,
        title_da="Barn og forældre inddraget", title_en="Child and parents involved",
        legal_reference="SEL § 46 stk. 3 / BL § 5 (UNCONFIRMED)", legal_reference_da="SEL § 46, stk. 3 / BL § 5", source="Ankestyrelsen's review points (ast.dk)",
        statutory=True,
        rule=AllOf((Check.of("child_heard"), Check.of("parents_involved"))),
        met_da="er både barnet og forældrene inddraget",
        met_en="both the child and the parents were involved",
        not_met_da="er det ikke dokumenteret, at både barnet og forældrene er inddraget",
        not_met_en="it is not documented that both the child and the parents were involved",
        recommendation_da="inddragelsen af barn og forældre dokumenteres systematisk, fx med børnesamtaler og "
                          "inddragende netværksmøder",
        recommendation_en="the involvement of child and parents is documented systematically, e.g. with child "
                          "conversations and inclusive network meetings",
        notes="Met when the child was heard (a child conversation, or the child among a network meeting's "
              "participants) and the parents took part (a custody holder, or a participant with a parent "
              "role, in a network meeting). Only cases with an investigation or a measure other than early "
              "support in the period.",
        limits="Involvement outside conversations and meetings (phone calls, home visits) is not recorded as "
               "structured data; the reviewer may override.",
        limits_da="Inddragelse uden for samtaler og møder (telefon, hjemmebesøg) registreres ikke struktureret; "
                  "sagsgennemgangen kan ændre vurderingen.",
    ),
    Point(
        id="involvement.private_network", version=1, theme="involvement", law=None,
        title_da="Barnets private netværk afdækket", title_en="The child's private network explored",
        legal_reference="Ankestyrelsen's review point (practice); BL § 43 stk. 1 nr. 4 for network placements", legal_reference_da="Ankestyrelsens praksis; BL § 43, stk. 1, nr. 4 ved netværksanbringelse",
        source="seed 004 (6 of 16 cases); Ankestyrelsen", statutory=False,
        rule=Check.of("private_network_explored"),
        met_da="er det afklaret, om ressourcer i barnets private netværk ud over forældrene kan inddrages",
        met_en="it was clarified whether resources in the child's private network beyond the parents could "
               "be involved",
        not_met_da="er det ikke afklaret, om ressourcer i barnets private netværk ud over forældrene kan "
                   "inddrages",
        not_met_en="it was not clarified whether resources in the child's private network beyond the parents "
                   "could be involved",
        recommendation_da="barnets private netværk kortlægges i alle sager, fx med et genogram",
        recommendation_en="the child's private network is mapped in every case, e.g. with a genogram",
        notes="Only cases with an investigation or a measure other than early support in the period.",
    ),
    Point(
        id="investigation.in_time", version=1, theme="investigation", law=None,
        title_da="Undersøgelsen afsluttet inden for 4 måneder", title_en="Investigation completed within 4 months",
        legal_reference="SEL § 50 / BL § 20", legal_reference_da="SEL § 50 / BL § 20", source="lovguiden.dk; viborg.dk", statutory=True,
        rule=_deadline("investigation"),
        met_da="er den børnefaglige undersøgelse afsluttet inden for 4 måneder",
        met_en="the investigation was completed within 4 months",
        not_met_da="er den børnefaglige undersøgelse ikke afsluttet inden for 4 måneder",
        not_met_en="the investigation was not completed within 4 months",
        recommendation_da="der følges tæt op på undersøgelser, der nærmer sig fristen på 4 måneder",
        recommendation_en="investigations approaching the 4-month deadline are followed closely",
        notes="Each investigation whose awareness date is in the period. " + DEADLINE_NOTE,
    ),
    Point(
        id="investigation.six_areas", version=1, theme="investigation", law="SEL",
        title_da="Undersøgelsen dækker de seks områder", title_en="The investigation covers the six areas",
        legal_reference="SEL § 50", legal_reference_da="SEL § 50", source="lovguiden.dk", statutory=True,
        rule=Check.of("investigation_sections", areas=list(LIFE_AREAS)),
        met_da="dækker undersøgelsen alle seks områder i servicelovens § 50",
        met_en="the investigation covers all six areas of SEL § 50",
        not_met_da="dækker undersøgelsen ikke alle seks områder i servicelovens § 50",
        not_met_en="the investigation does not cover all six areas of SEL § 50",
        recommendation_da="undersøgelsesskabelonen sikrer, at alle seks områder beskrives",
        recommendation_en="the investigation template makes sure all six areas are described",
        notes="Serviceloven only (awareness before 2024): development and behaviour, family, school, health, "
              "leisure and friendships, other relevant matters.",
        limits="Whether a section says enough is for the reviewer to judge; only its presence is checked.",
        limits_da="Om et afsnit siger nok, vurderes ved sagsgennemgangen; kun at det findes, kontrolleres.",
    ),
    Point(
        id="investigation.holistic", version=1, theme="investigation", law="BL",
        title_da="Undersøgelsen giver et helhedsbillede", title_en="The investigation gives a holistic view",
        legal_reference="BL § 22", legal_reference_da="BL § 22", source="lovguiden.dk (BL § 22)", statutory=True,
        rule=Check.of("investigation_sections", areas=["holistic"]),
        met_da="indeholder undersøgelsen en helhedsvurdering af barnets udfordringer og ressourcer",
        met_en="the investigation holds a holistic view of the child's challenges and resources",
        not_met_da="indeholder undersøgelsen ikke en helhedsvurdering af barnets udfordringer og ressourcer",
        not_met_en="the investigation holds no holistic view of the child's challenges and resources",
        recommendation_da="undersøgelser efter barnets lov altid afsluttes med en helhedsvurdering",
        recommendation_en="investigations under Barnets Lov always end with a holistic assessment",
        notes="Barnets Lov only (awareness from 2024): the 'holistic' section.",
        limits="Whether the text is a holistic view is for the reviewer to judge; only its presence is checked.",
        limits_da="Om teksten er en helhedsvurdering, vurderes ved sagsgennemgangen; kun at den findes, "
                  "kontrolleres.",
    ),
    Point(
        id="measures.follows_investigation", version=1, theme="measures", law=None,
        title_da="Indsatsen bygger på undersøgelsens konklusion",
        title_en="The measure follows from the investigation's conclusion",
        legal_reference="SEL § 50, § 52 stk. 3 / BL § 20, § 32", legal_reference_da="SEL § 50, § 52, stk. 3 / BL § 20, § 32", source="lovguiden.dk", statutory=True,
        rule=Check.of("measure_follows_investigation"),
        met_da="er indsatsen besluttet på grundlag af en afsluttet undersøgelse med en konklusion",
        met_en="the measure was decided on the basis of a completed investigation with a conclusion",
        not_met_da="er indsatsen ikke besluttet på grundlag af en aktuel, afsluttet undersøgelse med en "
                   "konklusion",
        not_met_en="the measure was not decided on the basis of a recent, completed investigation with a "
                   "conclusion",
        recommendation_da="afgørelser om indsats bygger på en aktuel, afsluttet undersøgelse med en klar "
                          "konklusion",
        recommendation_en="decisions on measures build on a recent, completed investigation with a clear "
                          "conclusion",
        notes="Transparent proxy: an investigation completed at most 6 months before the decision, with a "
              "written conclusion.",
        limits="Whether the measure matches the conclusion (the right measure, on the lowest fitting step) "
               "needs reading the free text; Forebyg does not interpret text (no language processing). The "
               "reviewer judges and overrides.",
        limits_da="Om indsatsen svarer til konklusionen (den rette indsats på det laveste passende trin) kræver "
                  "læsning af fritekst; Forebyg fortolker ikke tekst. Sagsgennemgangen vurderer og ændrer "
                  "vurderingen.",
    ),
    Point(
        id="measures.started_promptly", version=1, theme="measures", law=None,
        title_da="Indsatsen startede uden ventetid", title_en="The measure started without waiting",
        legal_reference="Local practice standard (not law)", legal_reference_da="Lokal praksisstandard (ikke lov)", source="seed 004 (Herning)", statutory=False,
        rule=Check.of("measure_started_promptly"),
        met_da="er indsatsen påbegyndt uden ventetid efter afgørelsen",
        met_en="the measure started without waiting after the decision",
        not_met_da="er indsatsen ikke påbegyndt inden for den lokale frist efter afgørelsen",
        not_met_en="the measure did not start within the local time limit after the decision",
        recommendation_da="indsatser iværksættes uden ventetid, og startdatoen registreres",
        recommendation_en="measures start without waiting, and the start date is recorded",
        notes="Default: within 30 days of the decision.",
    ),
    Point(
        id="measures.plan", version=1, theme="measures", law=None,
        title_da="Plan foreligger rettidigt", title_en="Plan present and on time",
        legal_reference="SEL § 140 / BL § 91 (ungeplan § 108)", legal_reference_da="SEL § 140 / BL § 91 (ungeplan § 108)", source="lovguiden.dk (BL §§ 91-92)",
        statutory=True, rule=_deadline("plan"),
        met_da="foreligger der rettidigt en handleplan eller barnets plan",
        met_en="an action plan or child's plan was made on time",
        not_met_da="foreligger der ikke rettidigt en handleplan eller barnets plan",
        not_met_en="no action plan or child's plan was made on time",
        recommendation_da="planen udarbejdes senest samtidig med afgørelsen eller inden for lovens frist",
        recommendation_en="the plan is made at the decision at the latest, or within the statutory period",
        notes="Serviceloven: measures under § 52 (not early support), the plan due at the decision unless the "
              "matter could not wait (SEL § 140 stk. 1); Barnets Lov: placements, and § 32 support when the "
              "municipality decided to make a plan (BL § 91 stk. 1). " + DEADLINE_NOTE,
    ),
    Point(
        id="followup.on_time", version=1, theme="followup", law=None,
        title_da="Opfølgning rettidigt", title_en="Follow-ups on time",
        legal_reference="SEL § 70 / BL § 95", legal_reference_da="SEL § 70 / BL § 95", source="sm.dk; lovguiden.dk (BL § 95)", statutory=True,
        rule=_deadline("followup", anchor="due"),
        met_da="er der fulgt rettidigt op på indsatsen",
        met_en="the measure was followed up on time",
        not_met_da="er der ikke fulgt rettidigt op på indsatsen",
        not_met_en="the measure was not followed up on time",
        recommendation_da="opfølgninger planlægges ved hver opfølgning, og fristerne følges på teamets "
                          "fristeoversigt",
        recommendation_en="the next follow-up is planned at each follow-up, and the deadlines are watched on the "
                          "team's deadline overview",
        notes="Every follow-up deadline of the child's measures that falls in the period (up to the review "
              "moment), also of measures decided before the period. " + DEADLINE_NOTE,
    ),
    Point(
        id="followup.progression", version=1, theme="followup", law=None,
        title_da="Progression dokumenteret ved opfølgning", title_en="Progression documented at follow-ups",
        legal_reference="SEL § 70 / BL § 95 (the follow-up assesses whether the purpose is being reached)", legal_reference_da="SEL § 70 / BL § 95",
        source="seed 004; Socialstyrelsen (progression)", statutory=False,
        rule=Check.of("progression_documented"),
        met_da="er barnets progression dokumenteret ved opfølgningen",
        met_en="the child's progression was documented at the follow-up",
        not_met_da="er barnets progression ikke dokumenteret ved opfølgningen",
        not_met_en="the child's progression was not documented at the follow-up",
        recommendation_da="barnets progression dokumenteres systematisk ved hver opfølgning, fx med skalering",
        recommendation_en="the child's progression is documented systematically at each follow-up, e.g. with "
                          "scaling",
        notes="Each follow-up held in the period.",
        limits="Whether the note describes progression against the plan's goals is for the reviewer to judge; "
               "only a note or a progression record is checked.",
        limits_da="Om notatet beskriver progression i forhold til planens mål, vurderes ved sagsgennemgangen; kun "
                  "at der er et notat eller en progressionsregistrering, kontrolleres.",
    ),
)

DEFAULT_RULESET = RuleSet(id="forebyg-review", version=1, points=POINTS)
