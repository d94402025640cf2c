# SPDX-License-Identifier: MPL-2.0
"""Progression charts: Altair specifications rendered on the server to SVG or PNG with
vl-convert (offline, no JavaScript in the browser). One chart per goal: a line per
respondent, the goal's target as a dashed rule, and the child's staircase steps as
bands behind, labelled with the step and its measure."""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from datetime import date, timedelta
from typing import Any

import altair as alt

from forebyg.domain import progression as dp
from forebyg.domain.calendar import local_date

from .selectors import ChildProgression, GoalView

WIDTH, HEIGHT = 560, 240
# Light fills from low to high steps (behind the lines; the step number is also written on the band).
STEP_COLOURS = ["#e8f1fa", "#d5e6f5", "#f9eed2", "#f6dcc4", "#f2c9b8", "#eab5ae", "#e2a3a3", "#d99595",
                "#cf8888", "#c67c7c", "#bd7070", "#b36565"]
# Okabe-Ito colours (distinguishable with colour-blindness); shapes differ too.
LINE_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
SHAPES = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down", "triangle-right", "triangle-left"]


def respondent_label(kind: str, name: str, labels: dict[str, str]) -> str:
    base = str(labels.get(kind, kind))
    return f"{base} ({name})" if name else base


def goal_chart(view: GoalView, progression: ChildProgression, *, labels: dict[str, str], language: str,
               texts: dict[str, str]) -> alt.LayerChart:
    """The Altair chart of one goal (`texts` holds the translated axis titles)."""
    points: list[dict[str, Any]] = []  # the chart's data rows (Vega-Lite values)
    for row in view.table:
        for (kind, name), score in row["scores"].items():
            points.append({"day": row["day"].isoformat(), "score": score,
                           "respondent": respondent_label(kind, name, labels)})
    days = [row["day"] for row in view.table] or [local_date(progression.as_of)]
    first = min(days)
    last = max(max(days), local_date(progression.as_of))
    first = min(first, local_date(view.goal.plan.made_at))
    pad = max(7, (last - first).days // 30)
    lo, hi = first - timedelta(days=pad), last + timedelta(days=pad)
    bands: list[dict[str, Any]] = []
    for seg in progression.segments:
        start = local_date(seg.start)
        end = local_date(seg.end) if seg.end else hi
        if end < lo or start > hi:
            continue
        ms = progression.measures.get(seg.measure)
        bands.append({"start": max(start, lo).isoformat(), "end": min(end, hi).isoformat(),
                      "step": f"{texts['step']} {seg.step}: {progression.staircase.name(seg.step, language)}",
                      "label": f"{texts['step']} {seg.step}", "n": seg.step,
                      "measure": ms.legal_basis if ms else ""})
    x_scale = alt.Scale(type="utc", domain=[lo.isoformat(), hi.isoformat()])
    x_axis = alt.Axis(format="%d.%m.%Y", title=texts["date"], labelAngle=0, tickCount=6)
    y_scale = alt.Scale(domain=[0, 10])
    steps_present = sorted({b["n"] for b in bands})
    layers: list[Any] = []
    if bands:
        band_data = alt.Data(values=bands)
        layers.append(alt.Chart(band_data).mark_rect(opacity=0.9).encode(
            x=alt.X("start:T", scale=x_scale, axis=x_axis),
            x2="end:T",
            fill=alt.Fill("step:N", title=texts["staircase"],
                            scale=alt.Scale(domain=[b["step"] for b in _unique(bands, "n")],
                                            range=[STEP_COLOURS[(n - 1) % len(STEP_COLOURS)] for n in steps_present]),
                            legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=420)),
        ))
        layers.append(alt.Chart(band_data).mark_text(align="left", baseline="top", dx=3, dy=3, fontSize=10,
                                                     color="#333333").encode(
            x=alt.X("start:T", scale=x_scale), y=alt.value(0), text="label:N"))
    y_axis = alt.Axis(values=list(range(0, 11)))
    y = alt.Y("score:Q", scale=y_scale, title=texts["score"], axis=y_axis)
    target = alt.Chart(alt.Data(values=[{"target": view.target}])).mark_rule(
        strokeDash=[6, 4], color="#1d5e20", strokeWidth=1.5).encode(
        y=alt.Y("target:Q", scale=y_scale, axis=y_axis, title=texts["score"]))
    if points:
        respondents = list(dict.fromkeys(p["respondent"] for p in points))
        legend = alt.Legend(orient="right", title=texts["respondent"], labelLimit=260, symbolSize=90)
        colour = alt.Color("respondent:N", legend=legend,
                           scale=alt.Scale(domain=respondents, range=LINE_COLOURS[:len(respondents)]))
        shape = alt.Shape("respondent:N", legend=legend,
                          scale=alt.Scale(domain=respondents, range=SHAPES[:len(respondents)]))
        base = alt.Chart(alt.Data(values=points))
        lines = base.mark_line(strokeWidth=2.5).encode(x=alt.X("day:T", scale=x_scale, axis=x_axis), y=y,
                                                       color=colour, detail="respondent:N")
        marks = base.mark_point(size=80, filled=True, opacity=1).encode(x=alt.X("day:T", scale=x_scale), y=y,
                                                                        color=colour, shape=shape)
        layers += [target, lines, marks]  # colour and shape share one legend; the bands use `fill`
    else:
        layers.append(target)
    return alt.layer(*layers).properties(
        width=WIDTH, height=HEIGHT, title=alt.Title(texts["title"], anchor="start", fontSize=14)
    ).configure_view(stroke="#c8c8c8").configure_axis(labelFontSize=12, titleFontSize=12).configure_legend(
        labelFontSize=12, titleFontSize=12)


def _unique(bands: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    seen: dict[Any, dict[str, Any]] = {}
    for b in sorted(bands, key=lambda b: b[key]):
        seen.setdefault(b[key], b)
    return list(seen.values())


_CACHE: OrderedDict[str, bytes] = OrderedDict()
_LOCK = threading.Lock()
_CACHE_SIZE = 128


def render(chart: alt.TopLevelMixin, fmt: str) -> bytes:
    """SVG (text) or PNG (twice the size, for print) of a chart; recent results are cached."""
    import vl_convert as vlc

    spec = json.dumps(chart.to_dict(), sort_keys=True)
    key = hashlib.sha256(f"{fmt}:{spec}".encode()).hexdigest()
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    if fmt == "svg":
        data = vlc.vegalite_to_svg(spec).encode("utf-8")
    elif fmt == "png":
        data = vlc.vegalite_to_png(spec, scale=2)
    else:
        raise ValueError(fmt)
    with _LOCK:
        _CACHE[key] = data
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return data


def describe(view: GoalView, labels: dict[str, str]) -> dict[str, Any]:
    """The chart's content in words, for its alt text: who scaled, first and latest score."""
    series = dp.series(dp.Round(r.pk, r.goal_id, r.held_at, dp.entries_from_json(r.entries)) for r in view.rounds)
    lines = []
    for (_goal, (kind, _key)), values in series.items():
        name = next((n for k, n in view.respondents if k == kind and n.casefold() == _key), "")
        lines.append((respondent_label(kind, name, labels), values[0][1], values[-1][1], len(values)))
    first: date | None = view.table[0]["day"] if view.table else None
    last: date | None = view.table[-1]["day"] if view.table else None
    return {"lines": lines, "first": first, "last": last}
