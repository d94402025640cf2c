# SPDX-License-Identifier: MPL-2.0
"""The report, in the shape of Socialstyrelsen's analysis reports (seed 004): per theme the
counts ("13 af 16"), strengths and development points, and recommendations.

How a point is placed is transparent and configurable (`Thresholds`), and every
sentence comes from a fixed template in Danish and English:

* n = the cases where the point applied (met + not met, after reviewers'
  overrides); share = met / n.
* n < `min_cases`: too few cases to say anything ("too_few").
* share >= `strength_at`: a strength: "I {met} af {n} sager {met phrase}."
* share < `development_below`: a development point:
  "I {not met} af {n} sager {not-met phrase}." with the point's recommendation.
* in between: an attention point (listed with the development points, as in
  seed 004): "Opmærksomhedspunkt: i {not met} af {n} sager {not-met phrase}."
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..calendar import CPH
from .model import MET, NA, NOT_MET, Finding
from .points import THEMES, Point, RuleSet

STRENGTH, ATTENTION, DEVELOPMENT, TOO_FEW, NONE = "strength", "attention", "development", "too_few", "none"


@dataclass(frozen=True)
class Thresholds:
    strength_at: float = 0.9
    development_below: float = 0.75
    min_cases: int = 3

    def __post_init__(self) -> None:
        if not (0 <= self.development_below <= self.strength_at <= 1):
            raise ValueError("thresholds need 0 <= development_below <= strength_at <= 1")
        if self.min_cases < 1:
            raise ValueError("min_cases must be at least 1")

    def band(self, met: int, n: int) -> str:
        if n == 0:
            return NONE
        if n < self.min_cases:
            return TOO_FEW
        share = met / n
        if share >= self.strength_at:
            return STRENGTH
        if share < self.development_below:
            return DEVELOPMENT
        return ATTENTION

    def to_dict(self) -> dict[str, Any]:
        return {"strength_at": self.strength_at, "development_below": self.development_below,
                "min_cases": self.min_cases}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Thresholds:
        data = data or {}
        d = cls()
        return cls(float(data.get("strength_at", d.strength_at)),
                   float(data.get("development_below", d.development_below)),
                   int(data.get("min_cases", d.min_cases)))


# Fixed sentence templates, (Danish, English).
TEMPLATES: dict[str, tuple[str, str]] = {
    STRENGTH: ("I {met} af {n} sager {met_phrase}.", "In {met} of {n} cases {met_phrase}."),
    DEVELOPMENT: ("I {not_met} af {n} sager {not_met_phrase}.", "In {not_met} of {n} cases {not_met_phrase}."),
    ATTENTION: ("Opmærksomhedspunkt: I {not_met} af {n} sager {not_met_phrase}.",
                "Attention point: in {not_met} of {n} cases {not_met_phrase}."),
    TOO_FEW: ("{title}: kun {n} {cases_word} at vurdere – for få til en samlet vurdering.",
              "{title}: only {n} {cases_word} to assess – too few for an overall assessment."),
    NONE: ("{title}: ikke relevant i de gennemgåede sager.", "{title}: not applicable in the cases reviewed."),
    "summary": ("Temaet er vurderet på {points} i {cases}: {strengths}, {attention} og {development}.",
                "The theme was assessed on {points} in {cases}: {strengths}, {attention} and {development}."),
}
WORDS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    # word: ((Danish singular, plural), (English singular, plural))
    "case": (("sag", "sager"), ("case", "cases")),
    "point": (("vurderingspunkt", "vurderingspunkter"), ("assessment point", "assessment points")),
    "strength": (("styrke", "styrker"), ("strength", "strengths")),
    "attention": (("opmærksomhedspunkt", "opmærksomhedspunkter"), ("attention point", "attention points")),
    "development": (("udviklingspunkt", "udviklingspunkter"), ("development point", "development points")),
}
HEADINGS: dict[str, tuple[str, str]] = {
    "summary": ("Opsamling og vurdering", "Summary and assessment"),
    "strengths": ("Styrker", "Strengths"),
    "development": ("Udviklingspunkter", "Development points"),
    "recommendations": ("Det anbefales overordnet, at", "Overall, it is recommended that"),
}


def _lang(pair: tuple[str, str], language: str) -> str:
    return pair[0] if language == "da" else pair[1]


def word_for(word: str, n: int, language: str) -> str:
    forms = WORDS[word][0 if language == "da" else 1]
    return forms[0] if n == 1 else forms[1]


def counted(word: str, n: int, language: str) -> str:
    return f"{n} {word_for(word, n, language)}"


@dataclass(frozen=True)
class PointCount:
    point_id: str
    point_version: int
    theme: str
    title: str
    legal_reference: str
    law: str | None
    statutory: bool
    met: int
    not_met: int
    not_applicable: int
    overridden: int
    band: str
    sentence: str
    recommendation: str | None

    @property
    def applicable(self) -> int:
        return self.met + self.not_met

    @property
    def share(self) -> float | None:
        return self.met / self.applicable if self.applicable else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "point_id": self.point_id, "point_version": self.point_version, "theme": self.theme,
            "title": self.title, "legal_reference": self.legal_reference, "law": self.law,
            "statutory": self.statutory, "applicable": self.applicable, "met": self.met, "not_met": self.not_met,
            "not_applicable": self.not_applicable, "overridden": self.overridden,
            "share_met": None if self.share is None else round(self.share, 4), "band": self.band,
            "sentence": self.sentence, "recommendation": self.recommendation,
        }


@dataclass(frozen=True)
class ThemeReport:
    id: str
    title: str
    summary: str
    points: tuple[PointCount, ...]
    strengths: tuple[str, ...]
    development: tuple[str, ...]
    recommendations: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "summary": self.summary,
                "points": [p.to_dict() for p in self.points], "strengths": list(self.strengths),
                "development_points": list(self.development), "recommendations": list(self.recommendations)}


@dataclass(frozen=True)
class Report:
    language: str
    case_count: int
    thresholds: Thresholds
    ruleset_id: str
    ruleset_version: int
    overridden: int
    themes: tuple[ThemeReport, ...]
    headings: Mapping[str, str]

    def to_dict(self) -> dict[str, Any]:
        return {"language": self.language, "case_count": self.case_count, "thresholds": self.thresholds.to_dict(),
                "ruleset": {"id": self.ruleset_id, "version": self.ruleset_version},
                "overridden_findings": self.overridden, "themes": [t.to_dict() for t in self.themes]}


def effective_outcome(f: Finding, overrides: Mapping[tuple[str, str], str]) -> str:
    return overrides.get((f.case_key, f.point_id), f.outcome)


def point_sentence(point: Point, band: str, met: int, not_met: int, language: str) -> str:
    n = met + not_met
    template = _lang(TEMPLATES[band], language)
    return template.format(
        met=met, not_met=not_met, n=n, title=point.title(language), cases_word=word_for("case", n, language),
        met_phrase=point.met_da if language == "da" else point.met_en,
        not_met_phrase=point.not_met_da if language == "da" else point.not_met_en,
    )


def build_report(
    findings: Iterable[Finding],
    ruleset: RuleSet,
    *,
    case_count: int,
    overrides: Mapping[tuple[str, str], str] | None = None,
    thresholds: Thresholds | None = None,
    language: str = "da",
) -> Report:
    """Counts per point (overrides applied), bands, and the fixed sentences, per theme."""
    overrides = overrides or {}
    thresholds = thresholds or Thresholds()
    tally: dict[str, dict[str, int]] = {p.id: {MET: 0, NOT_MET: 0, NA: 0, "overridden": 0} for p in ruleset.points}
    for f in findings:
        counts = tally.get(f.point_id)
        if counts is None:
            continue
        outcome = effective_outcome(f, overrides)
        counts[outcome] += 1
        if (f.case_key, f.point_id) in overrides and overrides[(f.case_key, f.point_id)] != f.outcome:
            counts["overridden"] += 1
    themes = []
    for theme_id, title_da, title_en in THEMES:
        points = [p for p in ruleset.points if p.theme == theme_id]
        if not points:
            continue
        rows = []
        for p in points:
            c = tally[p.id]
            band = thresholds.band(c[MET], c[MET] + c[NOT_MET])
            rec = (p.recommendation_da if language == "da" else p.recommendation_en) \
                if band in (DEVELOPMENT, ATTENTION) else None
            rows.append(PointCount(p.id, p.version, theme_id, p.title(language), p.hjemmel(language), p.law,
                                   p.statutory, c[MET], c[NOT_MET], c[NA], c["overridden"], band,
                                   point_sentence(p, band, c[MET], c[NOT_MET], language), rec))
        strengths = tuple(r.sentence for r in rows if r.band == STRENGTH)
        development = tuple(r.sentence for r in rows if r.band == DEVELOPMENT) + tuple(
            r.sentence for r in rows if r.band == ATTENTION)
        recommendations = tuple(r.recommendation for r in rows if r.recommendation and r.band == DEVELOPMENT) + tuple(
            r.recommendation for r in rows if r.recommendation and r.band == ATTENTION)
        summary = _lang(TEMPLATES["summary"], language).format(
            points=counted("point", len(rows), language), cases=counted("case", case_count, language),
            strengths=counted("strength", sum(r.band == STRENGTH for r in rows), language),
            attention=counted("attention", sum(r.band == ATTENTION for r in rows), language),
            development=counted("development", sum(r.band == DEVELOPMENT for r in rows), language),
        )
        themes.append(ThemeReport(theme_id, title_da if language == "da" else title_en, summary, tuple(rows),
                                  strengths, development, recommendations))
    overridden = sum(c["overridden"] for c in tally.values())
    headings = {k: _lang(v, language) for k, v in HEADINGS.items()}
    return Report(language, case_count, thresholds, ruleset.id, ruleset.version, overridden, tuple(themes), headings)


def _day(d: date | None) -> str:
    return d.strftime("%d.%m.%Y") if d else "…"


def _in_period(start: date | None, end: date | None, language: str) -> str:
    """" i perioden 01.01.2024–31.12.2024" (" fra …", " til …", or nothing without a period)."""
    da = language == "da"
    if start and end:
        return f" {'i perioden' if da else 'in the period'} {_day(start)}–{_day(end)}"
    if start:
        return f" {'fra' if da else 'from'} {_day(start)}"
    if end:
        return f" {'til' if da else 'until'} {_day(end)}"
    return ""


def about_sentences(*, language: str, case_count: int, population_size: int, period_start: date | None,
                    period_end: date | None, as_of: datetime, sample_size: int | None, seed: int | None,
                    stratify_by: Iterable[str], criteria: Iterable[str], ruleset_id: str, ruleset_version: int,
                    overridden: int) -> list[str]:
    """The "Om gennemgangen" paragraph: what was reviewed, how it was chosen, and the method's limits.
    `criteria` are already-worded selection criteria (e.g. "Team: Team Øst")."""
    da = language == "da"
    strata = ", ".join(stratify_by)
    moment = as_of.astimezone(CPH).strftime("%d.%m.%Y %H:%M")
    out = [
        (f"Gennemgangen omfatter {counted('case', case_count, 'da')} ud af {population_size}"
         f"{_in_period(period_start, period_end, 'da')}." if da else
         f"The review covers {counted('case', case_count, 'en')} out of {population_size}"
         f"{_in_period(period_start, period_end, 'en')}."),
    ]
    if sample_size is None or case_count >= population_size:
        out.append("Alle sager, der opfylder kriterierne, er gennemgået." if da else
                   "Every case meeting the criteria was reviewed.")
    else:
        out.append((f"Sagerne er udtrukket tilfældigt med startværdien {seed}"
                    + (f", stratificeret efter {strata}" if strata else "") + "; samme startværdi giver samme udtræk.")
                   if da else
                   (f"The cases were drawn at random with seed {seed}"
                    + (f", stratified by {strata}" if strata else "") + "; the same seed gives the same draw."))
    criteria = list(criteria)
    if criteria:
        out.append(("Udvælgelseskriterier: " if da else "Selection criteria: ") + "; ".join(criteria) + ".")
    out.append(f"Sagerne er vurderet, som de var registreret {moment}, efter regelsæt {ruleset_id} version "
                f"{ruleset_version}." if da else
                f"The cases were assessed as recorded at {moment}, under rule set {ruleset_id} version "
                f"{ruleset_version}.")
    out.append("Vurderingen er automatisk og bygger alene på det, der er registreret i Forebyg; fritekst "
               "fortolkes ikke. En sagsgennemgang kan tilsidesætte et fund med en skriftlig begrundelse; "
               f"{overridden} fund er tilsidesat." if da else
               "The assessment is automatic and rests only on what is recorded in Forebyg; free text is not "
               f"interpreted. A reviewer can override a finding with a written reason; {overridden} findings "
               "were overridden.")
    return out
