# SPDX-License-Identifier: MPL-2.0
"""The goal cards and flags of the child page's progression section, written in Python (issue #20).

As a template include (progression/_goal.html) each active goal cost some 4 ms on a child with a
few years of scaling rounds: some forty look-ups, four `{% url %}`s and two `blocktrans` per goal,
and a look-up, a date and a `stringformat` per cell of its table. This writes the same HTML as
that template does for the child page (not a PDF, no GAS levels shown) — autoescaped the same way;
tests/progression/test_goal_cards.py compares the two in Danish and English, with text that must be
escaped. The flags are written the same way (progression/_flags.html). The progression page and the
summary still use the templates."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import template
from django.template.defaultfilters import floatformat, stringformat, truncatechars
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]  # in Django, not in django-stubs
from django.utils.translation import gettext

from forebyg.deadlines.actions import reverse

from ..selectors import GoalView

register = template.Library()


def _e(value: Any) -> str:
    """What `{{ value }}` prints: localized, autoescaped."""
    return conditional_escape(localize(value))


def _day(value: date | datetime | None) -> str:
    """`{{ value|date:"d.m.Y" }}` (a datetime in the current time zone, as the template converts it)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = template_localtime(value)
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"


def goal_card_html(g: GoalView, child_pk: str, can_casework: bool) -> str:
    goal, pk = g.goal, g.goal.pk
    t = {k: _e(gettext(k)) for k in ("Active goal", "Goal from an earlier plan", "target score", "target date",
                                      "GAS weight", "Download as PNG", "Date", "GAS level", "Not scaled yet.",
                                      "One step higher would look like", "Scale this goal", "Target and GAS levels")}
    out = [f'\n<section class="card goal" aria-labelledby="goal-{_e(pk)}">\n'
           f'<h3 id="goal-{_e(pk)}">{_e(goal.get_life_area_display())}: {_e(goal.text)}</h3>\n'
           f'<p class="muted">{t["Active goal"] if g.active else t["Goal from an earlier plan"]}'
           f' · {t["target score"]} {_e(g.target)}']
    add = out.append
    if goal.target_date:
        add(f' · {t["target date"]} {_e(_day(goal.target_date))}')
    if g.scale and g.scale.gas_levels:
        add(f' · {t["GAS weight"]} {_e(floatformat(g.scale.gas_weight, "-2"))}')
    add("</p>\n")
    if g.rounds:
        svg = conditional_escape(reverse("progression_chart", [child_pk, pk, "svg"]))
        png = conditional_escape(reverse("progression_chart", [child_pk, pk, "png"]))
        d = g.description
        alt = gettext("Chart of the scaling of this goal from %(first)s to %(last)s, one line per respondent; the same "
                      "numbers are in the table below.") % {"first": _e(_day(d.get("first"))),
                                                             "last": _e(_day(d.get("last")))}
        lines = " · ".join(f"{_e(label)}: {_e(first)} → {_e(last)}" for label, first, last, _n in d.get("lines", ()))
        add(f'\n<figure class="chart">\n  \n  <img src="{svg}" alt="{alt}" class="chart-img">\n'
            f'  <figcaption class="muted no-print">{lines} · <a href="{png}?download=1">{t["Download as PNG"]}</a>'
            f' · <a href="{svg}">SVG</a></figcaption>\n</figure>\n<table class="scaling">\n')
        caption = gettext("Scaling 0–10 of the goal “%(text)s”") % {"text": _e(truncatechars(goal.text, 60))}
        heads = "".join(f'<th scope="col">{_e(label)}</th>' for label in g.respondent_labels)
        add(f'<caption>{caption}</caption>\n<thead><tr><th scope="col">{t["Date"]}</th>{heads}'
            f'<th scope="col">{t["GAS level"]}</th></tr></thead>\n<tbody>')
        for row in g.table:
            cells = "".join("<td>–</td>" if v is None else f"<td>{_e(v)}</td>" for v in row["cells"])
            level = row["round"].gas_level
            add(f'<tr><th scope="row">{_e(_day(row["day"]))}</th>{cells}'
                f'<td>{"–" if level is None else _e(stringformat(level, "+d"))}</td></tr>')
        add("</tbody>\n</table>\n")
        if g.next_steps:
            latest = g.latest
            steps = "".join(f"<li><strong>{_e(label)}:</strong> {_e(text)}</li>" for label, text in g.next_steps)
            add(f'<h4>{t["One step higher would look like"]} ({_e(_day(latest.held_at if latest else None))})</h4>\n'
                f"<ul>{steps}</ul>")
        add("\n")
    else:
        add(f'<p>{t["Not scaled yet."]}</p>')
    add("\n\n")
    if can_casework:
        scaling = conditional_escape(reverse("child_action", [child_pk, "scaling"]))
        levels = conditional_escape(reverse("progression_goal_scale", [child_pk, pk]))
        add(f'<p class="no-print"><a href="{scaling}?goal={_e(pk)}">{t["Scale this goal"]}</a> · '
            f'<a href="{levels}">{t["Target and GAS levels"]}</a></p>')
    add("\n</section>\n")
    return "".join(out)


def _pairs(pairs) -> str:
    if not pairs:
        return _e(gettext("no respondent scaled at both"))
    return "<br>".join(f"{_e(label)}: {_e(floatformat(a, 1))} → {_e(floatformat(b, 1))} "
                       f"({'+' if d > 0 else ''}{_e(floatformat(d, 1))})" for label, a, b, d in pairs)


def flags_html(flags: list[dict]) -> str:
    """What progression/_flags.html writes: the two flags with the rule and the numbers behind them."""
    t = {k: _e(gettext(k)) for k in (
        "Yes", "No", "Why?", "Rule", "The active goals", "Goal", "Target", "Last scaling rounds (mean or lowest score)",
        "Last GAS ratings", "Reached", "Mean score per respondent from one occasion to the next", "Interval",
        "Respondent: before → after (change)", "Progression")}
    out = ['\n<ul class="flags">\n']
    add = out.append
    for f in flags:
        add(f'<li class="flag{" raised" if f["raised"] else ""}">\n  <strong>{_e(f["title"])}:</strong> ')
        add(f'<span class="badge">{t["Yes"]}</span> {_e(f["hint"])}' if f["raised"] else t["No"])
        add(f'\n  <details><summary>{t["Why?"]} {_e(f["reason"])}</summary>\n'
            f'    <p class="rule">{t["Rule"]}: {_e(f["rule"])}</p>\n    ')
        if f["goal_rows"]:
            add(f'<table class="evidence">\n      <caption>{t["The active goals"]}</caption>\n'
                f'      <thead><tr><th scope="col">{t["Goal"]}</th><th scope="col">{t["Target"]}</th>'
                f'<th scope="col">{t["Last scaling rounds (mean or lowest score)"]}</th>'
                f'<th scope="col">{t["Last GAS ratings"]}</th><th scope="col">{t["Reached"]}</th></tr></thead>\n'
                "      <tbody>")
            for g in f["goal_rows"]:
                text = g["goal"].text if g["goal"] is not None else ""
                rounds = ", ".join(f"{_e(floatformat(v, 1))} ({_e(_day(day))})" for day, v in g["rounds"]) or "–"
                gas = ", ".join(f"{_e(stringformat(v, '+d'))} ({_e(_day(day))})" for day, v in g["gas"]) or "–"
                add(f'<tr><th scope="row">{_e(truncatechars(text, 80))}</th><td>{_e(g["target"])}</td>\n'
                    f"        <td>{rounds}</td>\n        <td>{gas}</td>\n        <td>{_e(g['reached_by'])}</td></tr>")
            add("</tbody>\n    </table>")
        add("\n    ")
        if f["interval_rows"]:
            add(f'<table class="evidence">\n      <caption>{t["Mean score per respondent from one occasion to the next"]}'
                f'</caption>\n      <thead><tr><th scope="col">{t["Interval"]}</th>'
                f'<th scope="col">{t["Respondent: before → after (change)"]}</th>'
                f'<th scope="col">{t["Progression"]}</th></tr></thead>\n      <tbody>')
            for i in f["interval_rows"]:
                add(f'<tr><th scope="row">{_e(_day(i["start"]))} → {_e(_day(i["end"]))}</th>\n'
                    f'        <td>{_pairs(i["pairs"])}</td>\n'
                    f'        <td>{t["Yes"] if i["progressed"] else t["No"]}</td></tr>')
            add("</tbody>\n    </table>")
        add("\n  </details>\n</li>")
    add("\n</ul>\n")
    return "".join(out)


@register.simple_tag
def flag_list(flags: list[dict]) -> SafeString:
    """`{% include "progression/_flags.html" %}` for the child page's section."""
    return mark_safe(flags_html(flags))  # noqa: S308 - every value is escaped


@register.simple_tag(takes_context=True)
def goal_card(context, g: GoalView) -> SafeString:
    """`{% include "progression/_goal.html" %}` for the child page's section (not a PDF, no GAS levels)."""
    return mark_safe(goal_card_html(g, context["child"].pk, bool(context.get("can_casework"))))  # noqa: S308 - escaped
