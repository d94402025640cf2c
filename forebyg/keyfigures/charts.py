# SPDX-License-Identifier: MPL-2.0
"""Charts as SVG, made on the server with Altair (Vega-Lite) and vl-convert. No script reaches
the browser: pages show them as same-origin images, the PDF report embeds them."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

COLOR = "#1d4f7a"
AVERAGE = "#8a4b08"
WIDTH, HEIGHT = 300, 120


def _empty(text: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="40" viewBox="0 0 {WIDTH} 40">'
            f'<text x="4" y="24" font-family="sans-serif" font-size="12" fill="#444">{escape(text)}</text></svg>')


def trend_svg(points: Sequence[tuple[str, float | None]], *, baseline: float | None = None,
              empty_text: str = "No figures") -> str:
    import altair as alt  # imported when a chart is drawn, not when a page starts
    import vl_convert as vlc

    data = [{"period": p, "value": v} for p, v in points if v is not None]
    if not data:
        return _empty(empty_text)
    base = alt.Chart(alt.Data(values=data))
    line = base.mark_line(point=alt.OverlayMarkDef(filled=True, size=40), color=COLOR, strokeWidth=2).encode(
        x=alt.X("period:O", title=None, sort=None, axis=alt.Axis(labelAngle=0 if len(data) <= 6 else -45,
                                                                 labelOverlap=True)),
        y=alt.Y("value:Q", title=None, scale=alt.Scale(zero=False), axis=alt.Axis(tickCount=4, format="~s")))
    chart = line
    if baseline is not None:
        rule = alt.Chart(alt.Data(values=[{"b": baseline}])).mark_rule(color="#777", strokeDash=[4, 3]).encode(
            y="b:Q")
        chart = alt.layer(line, rule)
    spec = chart.properties(width=WIDTH - 50, height=HEIGHT - 30).configure_view(stroke=None).to_dict()
    return vlc.vegalite_to_svg(spec)


def compare_svg(series: dict[str, Sequence[tuple[str, float | None]]], average: Sequence[tuple[str, float | None]],
                *, average_label: str = "Network average", empty_text: str = "No figures") -> str:
    import altair as alt
    import vl_convert as vlc

    data = [{"period": p, "value": v, "who": name} for name, pts in series.items() for p, v in pts if v is not None]
    data += [{"period": p, "value": v, "who": average_label} for p, v in average if v is not None]
    if not data:
        return _empty(empty_text)
    names = sorted(series) + [average_label]
    colors = ["#9bb3c9"] * len(series) + [AVERAGE]
    chart = alt.Chart(alt.Data(values=data)).mark_line(point=True).encode(
        x=alt.X("period:O", title=None, sort=None),
        y=alt.Y("value:Q", title=None, scale=alt.Scale(zero=False)),
        color=alt.Color("who:N", title=None, scale=alt.Scale(domain=names, range=colors),
                        legend=alt.Legend(orient="right", labelLimit=160)),
        strokeWidth=alt.condition(alt.datum.who == average_label, alt.value(3), alt.value(1.5)),
    ).properties(width=420, height=200).configure_view(stroke=None)
    return vlc.vegalite_to_svg(chart.to_dict())
