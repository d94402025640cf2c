# SPDX-License-Identifier: MPL-2.0
"""Key-figure pages: the dashboard, charts, the children behind a figure, exports, the catalogue,
recomputation and the signed aggregate export."""

from __future__ import annotations

import json
from dataclasses import dataclass

from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from forebyg.audit.services import log_access
from forebyg.domain.calendar import local_date
from forebyg.domain.keyfigures import aggregates as agg
from forebyg.domain.keyfigures.catalogue import BY_ID, CATALOGUE_VERSION, INDICATORS
from forebyg.domain.keyfigures.model import CATEGORIES
from forebyg.domain.keyfigures.periods import GRANULARITIES, parse_period
from forebyg.web.language import page_language as language

from . import reports, services
from . import selectors as sel

GRANULARITY_LABELS = {"year": gettext_lazy("Year"), "quarter": gettext_lazy("Quarter"), "month": gettext_lazy("Month")}
DIRECTION_LABELS = {"improved": gettext_lazy("improved"), "worsened": gettext_lazy("worsened"),
                    "unchanged": gettext_lazy("unchanged"), "up": gettext_lazy("up"), "down": gettext_lazy("down")}
DRILL_LIMIT = 300
# The catalogue's units (English data), as the user interface shows them.
UNIT_LABELS = {
    "per 1,000 children 0-17": gettext_lazy("per 1,000 children 0-17"),
    "%": "%",
    "days": gettext_lazy("days"),
    "points on the 0-10 scale": gettext_lazy("points on the 0-10 scale"),
    "DKK per child": gettext_lazy("DKK per child"),
    "% of spending": gettext_lazy("% of spending"),
    "children per caseworker": gettext_lazy("children per caseworker"),
}


def unit_label(ind) -> str:  # noqa: ANN001
    return str(UNIT_LABELS.get(ind.unit, ind.unit))


def card_unit(ind, display: str) -> str:  # noqa: ANN001
    """The unit beside a formatted figure, without the sign the figure already carries: "53,7 %"
    and not "53,7 % %", "13.700 kr. pr. barn" and not "13.700 kr. kr. pr. barn" (issue #15)."""
    unit = unit_label(ind)
    for sign in ("%", "kr."):
        if display.endswith(" " + sign) and unit.startswith(sign):
            return unit[len(sign):].strip()
    return unit


def what_text(ind) -> str:  # noqa: ANN001
    """What the indicator measures, in the page's language (the catalogue's definitions are written in
    English; the Danish ones are `texts_da`, issue #15)."""
    from .texts_da import what_da

    return (what_da(ind) or ind.what) if language() == "da" else ind.what


def require(user, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDenied


def fmt(ind_id: str, value: float | None) -> str:
    if value is None:
        return "–"
    ind = BY_ID[ind_id]
    if ind.kind in ("per_child",):
        return number_format(round(value), 0, force_grouping=True) + " kr."
    if ind.kind in ("share", "money_share"):
        return number_format(value, 1) + " %"
    if ind.kind == "median" and float(value).is_integer():
        return number_format(value, 0)
    return number_format(value, 1, force_grouping=True)


def fmt_change(ind_id: str, change: float | None) -> str:
    if change is None:
        return ""
    text = fmt(ind_id, abs(change))
    sign = "+" if change > 0 else ("−" if change < 0 else "±")
    if BY_ID[ind_id].kind in ("share", "money_share"):
        text = text.replace(" %", " " + _("percentage points"))
    return sign + text


class Choice:
    """What the user chose: unit, granularity, period, baseline year (with defaults)."""

    def __init__(self, request):
        self.municipality_id = request.user.municipality_id
        g = request.GET.get("g", "year")
        self.granularity = g if g in GRANULARITIES else "year"
        self.result = services.result_for(self.municipality_id, self.granularity)
        wanted_unit = request.GET.get("unit")
        if not wanted_unit and request.user.role == "team_leader" and request.user.team_id:
            wanted_unit = f"team:{request.user.team_id}"  # a team leader starts on the own team
        self.unit = sel.unit_from_param(self.municipality_id, wanted_unit)
        self.periods = sel.periods_of(self.result)
        self.period = sel.default_period(self.result)
        wanted = request.GET.get("period")
        if wanted:
            try:
                p = parse_period(wanted)
            except ValueError:
                p = None
            if p is not None and p in self.periods:
                self.period = p
        self.years = sorted({p.year for p in self.periods})
        self.baseline = services.default_baseline(self.result, self.period)
        try:
            baseline = int(request.GET.get("baseline", ""))
            if baseline in self.years:
                self.baseline = baseline
        except ValueError:
            pass

    def query(self, **extra) -> str:
        from urllib.parse import urlencode

        params = {"unit": self.unit.param, "g": self.granularity, "period": self.period.label,
                  "baseline": self.baseline, **extra}
        return urlencode(params)


@dataclass
class CardView:
    """A dashboard card as the dashboard and the report show it: the selector's figures, formatted."""

    id: str
    name: str
    point: sel.Point | None
    baseline: sel.Point | None
    direction: str | None
    display: str
    base_display: str
    change_display: str
    direction_label: str
    unit: str
    trend_rows: list[tuple[str, str, int]]  # (period, formatted value, count)
    alt: str
    svg_uri: str = ""  # the report's embedded chart


def _card_view(c: sel.Card, choice: Choice) -> CardView:
    display = fmt(c.id, c.point.value if c.point else None)
    name = c.indicator.name(language())
    trend_rows = [(pt.period, fmt(c.id, pt.value), pt.count) for pt in c.trend]
    alt = _("Chart of %(name)s, %(first)s to %(last)s: %(values)s") % {
        "name": name, "first": c.trend[0].period if c.trend else "", "last": choice.period.label,
        "values": ", ".join(f"{p} {v}" for p, v, _n in trend_rows) or _("no figures")}
    return CardView(
        id=c.id, name=name, point=c.point, baseline=c.baseline, direction=c.direction, display=display,
        base_display=fmt(c.id, c.baseline.value if c.baseline else None),
        change_display=fmt_change(c.id, c.change),
        direction_label=str(DIRECTION_LABELS.get(c.direction or "", "")),
        unit=card_unit(c.indicator, display), trend_rows=trend_rows, alt=alt)


def _cards(choice: Choice) -> list[tuple[str, list[CardView]]]:
    groups = []
    for key, cards in sel.dashboard(choice.result, choice.unit, choice.period, choice.baseline):
        groups.append((CATEGORIES[key][1 if language() == "en" else 0], [_card_view(c, choice) for c in cards]))
    return groups


@login_required
def dashboard(request):
    require(request.user, "keyfigures.view")
    choice = Choice(request)
    return render(request, "keyfigures/dashboard.html", {
        "choice": choice, "groups": _cards(choice), "units": sel.units_for(choice.municipality_id),
        "granularities": [(g, GRANULARITY_LABELS[g]) for g in GRANULARITIES],
        "may_drill": request.user.has_perm("keyfigures.drilldown"),
        "may_recompute": request.user.has_perm("keyfigures.recompute"),
        "may_export": request.user.has_perm("keyfigures.export_aggregates"),
        "query": choice.query(), "periods": list(reversed(choice.periods)),
    })


@login_required
def chart(request, indicator: str):
    require(request.user, "keyfigures.view")
    if indicator not in BY_ID:
        raise Http404
    choice = Choice(request)
    svg = services.chart_svg(choice.result, choice.unit, indicator, choice.period, choice.baseline,
                             empty_text=_("No figures"))
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "private, max-age=600"
    return response


@login_required
def drilldown(request, indicator: str):
    require(request.user, "keyfigures.drilldown")
    if indicator not in BY_ID:
        raise Http404
    choice = Choice(request)
    members = sel.members(municipality_id=choice.municipality_id, indicator=indicator, result=choice.result,
                          unit=choice.unit, period=choice.period)
    shown = _visible_children(request, members[:DRILL_LIMIT], indicator)
    ind = BY_ID[indicator]
    totals = sel.totals(indicator, members)  # the card's n and numerator, counted the card's way
    return render(request, "keyfigures/drilldown.html", {
        "choice": choice, "ind": ind, "name": ind.name(language()), "rows": shown, "children": len(members),
        "items": totals.counted, "in_numerator": totals.in_numerator,
        "limit": DRILL_LIMIT, "value_label": _value_label(indicator), "query": choice.query(),
        "what": what_text(ind), "share": ind.kind in ("share", "money_share"),
    })


def _value_label(indicator: str) -> str:
    ind = BY_ID[indicator]
    if ind.kind == "median":
        return str(ind.unit)
    if ind.kind in ("per_child", "money_share"):
        return _("DKK in the period")
    if ind.id.startswith("staircase.children_step") or ind.id == "measures.family_based_share":
        return _("Highest step")
    return ""


def _values_text(indicator: str, values: list[float]) -> str:
    if not values:
        return ""
    kind = BY_ID[indicator].kind
    if kind in ("per_child", "money_share"):
        return number_format(round(sum(values)), 0, force_grouping=True) + " kr."
    return ", ".join(number_format(v, 0 if float(v).is_integer() else 1) for v in sorted(values))


def _visible_children(request, members: list[sel.Member], indicator: str) -> list[dict]:
    """Each child with name and link where the user's caseload allows it (the read is access-logged
    with its basis), otherwise only that a child outside the caseload is counted (opening it then asks
    for a stated reason, forebyg.security.access)."""
    from django.db import transaction

    from forebyg.accounts.models import Role
    from forebyg.cases.models import Case, Child
    from forebyg.security.access import MUNICIPALITY, caseload_basis
    from forebyg.security.models import SecurityPolicy

    user = request.user
    ids = {m.child_id for m in members}
    children = {c.pk: c for c in Child.objects.filter(pk__in=ids)}
    holders: dict[str, Case] = {}  # the child's caseworker and team: the open case's, else the latest case's
    for case in (Case.objects.filter(child_id__in=ids).select_related("caseworker", "team")
                 .order_by("closed_at", "-opened_at")):
        if case.child_id not in holders or (holders[case.child_id].closed_at and not case.closed_at):
            holders[case.child_id] = case
    # The same rule as caseload_basis, asked once: a manager who may see every child.
    sees_all = (user.role == Role.MANAGER
                and SecurityPolicy.for_municipality(user.municipality_id).manager_sees_all)
    out = []
    with transaction.atomic():
        for m in members:
            child = children.get(m.child_id)
            basis = None
            if child is not None:
                basis = MUNICIPALITY if sees_all else caseload_basis(user, child)
                if basis is not None:
                    log_access(user=user, child=child, view="keyfigures.drilldown", request=request, basis=basis)
            holder = holders.get(m.child_id)
            out.append({"child": child if basis else None, "child_id": m.child_id, "items": m.items,
                        "team": holder.team if holder else None,
                        "caseworker": holder.caseworker if holder and basis else None,
                        "in_numerator": m.in_numerator, "values": _values_text(indicator, m.values)})
    return out


@login_required
@require_POST
def recompute(request):
    require(request.user, "keyfigures.recompute")
    services.keyfigures_refresh(municipality_id=request.user.municipality_id, actor=request.user)
    messages.success(request, _("The key figures are recomputed."))
    target = request.POST.get("next", "")
    return redirect(target if target.startswith("/noegletal/") and "//" not in target else "keyfigures_dashboard")


def _export_table(request) -> tuple[Choice, list]:
    require(request.user, "keyfigures.view")
    choice = Choice(request)
    return choice, sel.table(choice.result, choice.unit)


@login_required
def export_csv(request):
    choice, table = _export_table(request)
    response = HttpResponse(reports.csv_bytes(table, choice.unit, language()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="noegletal-{choice.unit.id}-{choice.granularity}.csv"'
    return response


@login_required
def export_xlsx(request):
    choice, table = _export_table(request)
    labels = {"overview": _("Key figures"), "data": _("Data"), "catalogue": _("Catalogue"),
              "indicator": _("Indicator"), "unit": _("Unit")}
    title = _("Key figures: %(unit)s (%(g)s), as of %(as_of)s") % {
        "unit": choice.unit.label, "g": GRANULARITY_LABELS[choice.granularity], "as_of": local_date(choice.result.as_of)}
    data = reports.xlsx_bytes(table, choice.unit, language(), title=title, periods=[p.label for p in choice.periods],
                              labels=labels)
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="noegletal-{choice.unit.id}-{choice.granularity}.xlsx"'
    return response


# The printable report embeds its charts as data: images (so that the PDF and the HTML fallback carry
# them without another request); only this page lets img-src take data: URIs.
@csp_update({"img-src": ["'self'", "data:"]})
@login_required
def report(request):
    require(request.user, "keyfigures.view")
    choice = Choice(request)
    groups = _cards(choice)
    for _title, cards in groups:
        for c in cards:
            c.svg_uri = reports.svg_data_uri(services.chart_svg(choice.result, choice.unit, c.id, choice.period,
                                                                choice.baseline, empty_text=_("No figures")))
    html = render_to_string("keyfigures/report.html", {"choice": choice, "groups": groups}, request=request)
    if request.GET.get("format") != "html":
        pdf = reports.pdf_bytes(html, base_url=request.build_absolute_uri("/"))
        if pdf is not None:
            response = HttpResponse(pdf, content_type="application/pdf")
            response["Content-Disposition"] = f'inline; filename="noegletal-{choice.unit.id}-{choice.period}.pdf"'
            return response
        messages.warning(request, _("The PDF could not be made on this server; print this page instead."))
    return render(request, "keyfigures/report_page.html", {"choice": choice, "groups": groups})


@login_required
def catalogue_page(request):
    if not (request.user.has_perm("keyfigures.view") or request.user.has_perm("keyfigures.hub")):
        raise PermissionDenied
    groups = [(CATEGORIES[key][1 if language() == "en" else 0], [i for i in INDICATORS if i.category == key])
              for key in CATEGORIES]
    from .texts_da import legal_da, what_da

    if language() == "da":  # Danish definitions and references on the Danish page (issue #15)
        groups = [(title, [{"i": i, "what": what_da(i) or i.what, "legal": legal_da(i) or i.legal} for i in inds])
                  for title, inds in groups]
    else:
        groups = [(title, [{"i": i, "what": i.what, "legal": i.legal} for i in inds]) for title, inds in groups]
    return render(request, "keyfigures/catalogue.html", {"groups": groups, "version": CATALOGUE_VERSION,
                                                          "lang": language()})


@login_required
def aggregates(request):
    require(request.user, "keyfigures.export_aggregates")
    mid = request.user.municipality_id
    if request.method == "POST":
        grans = [g for g in request.POST.getlist("granularity") if g in GRANULARITIES] or ["year"]
        doc = services.aggregates_export(actor=request.user, municipality_id=mid, granularities=grans)
        response = HttpResponse(agg.dumps(doc), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="noegletal-aggregater-{mid}.json"'
        return response
    key = services.signing_key(mid, actor=request.user)
    public = agg.public_key_text(key)
    from forebyg.network.models import Network

    return render(request, "keyfigures/aggregates.html", {
        "public_key": public, "fingerprint": agg.fingerprint(public),
        "hub_networks": Network.objects.filter(memberships__municipality_id=mid).distinct().order_by("name"),
        "granularities": [(g, GRANULARITY_LABELS[g]) for g in GRANULARITIES],
    })


def catalogue_json(request):
    """The catalogue as JSON (public: definitions only, no figures)."""
    from forebyg.domain.keyfigures.catalogue import catalogue_dict

    return HttpResponse(json.dumps(catalogue_dict(), ensure_ascii=False, indent=1),
                        content_type="application/json; charset=utf-8")
