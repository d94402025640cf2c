# SPDX-License-Identifier: MPL-2.0
"""The network hub: member municipalities' key figures side by side and by group, each against
its own baseline, with the network average; import of signed aggregate files; registered keys."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forebyg.core import clock
from forebyg.domain.keyfigures import aggregates as agg
from forebyg.domain.keyfigures.catalogue import BY_ID, INDICATORS, KNOWN_VERSIONS
from forebyg.domain.keyfigures.periods import GRANULARITIES, parse_period
from forebyg.network.models import Network

from . import charts, hub, services
from .forms import ImportForm, KeyForm
from .selectors import direction
from .views import GRANULARITY_LABELS, fmt, fmt_change, language


def _require(user) -> None:
    if not user.has_perm("keyfigures.hub"):
        raise PermissionDenied


def _member_networks(user):
    """The networks the user's municipality is a member of today (issue #15: the managers of member
    municipalities see the network comparison, aggregates only)."""
    today = clock.today()
    return Network.objects.filter(  # one filter call: the same membership matches every condition
        Q(memberships__valid_to__isnull=True) | Q(memberships__valid_to__gte=today),
        memberships__municipality_id=user.municipality_id, memberships__valid_from__lte=today).distinct()


def _require_view(user, network=None) -> None:
    """The hub's users see every network; a member municipality's managers and analysts their own."""
    if user.has_perm("keyfigures.hub"):
        return
    if not user.has_perm("keyfigures.benchmark") or (
            network is not None and not _member_networks(user).filter(pk=network.pk).exists()):
        raise PermissionDenied


@login_required
def hub_list(request):
    _require_view(request.user)
    networks = Network.objects.all() if request.user.has_perm("keyfigures.hub") else _member_networks(request.user)
    return render(request, "keyfigures/hub_list.html", {"networks": networks.order_by("-starts_on", "name")})


class HubChoice:
    def __init__(self, request, network):
        self.network = network
        self.members = hub.members(network)
        i = request.GET.get("i", "notifications.per_1000")
        self.indicator = BY_ID.get(i) or BY_ID["notifications.per_1000"]
        g = request.GET.get("g", "year")
        self.granularity = g if g in GRANULARITIES else "year"
        hub.with_figures(network, self.members, self.indicator.id)
        self.groups = hub.group_choices(self.members)
        group = request.GET.get("group", "all")
        self.group = group if any(c.key == group for c in self.groups) else "all"
        self.shown = [m for m in self.members if hub.in_group(m, self.group)]
        self.periods = hub.periods(self.members, self.indicator.id, self.granularity)
        p = request.GET.get("period")
        today = clock.today()
        ended = [x for x in self.periods if parse_period(x).last_day < today]
        self.period = p if p in self.periods else (ended or self.periods or [None])[-1]
        years = sorted({parse_period(x).year for x in self.periods})
        self.years = years
        default_base = max(years[0], parse_period(self.period).year - 4) if self.period else None
        try:
            b = int(request.GET.get("baseline", ""))
        except ValueError:
            b = None
        self.baseline_year = b if b in years else default_base
        self.baseline = (parse_period(self.period).same_part_in(self.baseline_year).label
                         if self.period and self.baseline_year else None)

    def query(self) -> str:
        from urllib.parse import urlencode

        return urlencode({"i": self.indicator.id, "g": self.granularity, "group": self.group,
                          "period": self.period or "", "baseline": self.baseline_year or ""})


@login_required
def hub_network(request, pk: int):
    network = get_object_or_404(Network, pk=pk)
    _require_view(request.user, network)
    c = HubChoice(request, network)
    ind = c.indicator.id
    rows = []
    for m in c.shown:
        now = hub.value(m, ind, c.period) if c.period else None
        base = hub.value(m, ind, c.baseline) if c.baseline else None
        change = now - base if now is not None and base is not None else None
        d = direction(ind, change)
        rows.append({"m": m, "cells": [_cell(m, ind, p) for p in c.periods], "base": fmt(ind, base),
                     "now": fmt(ind, now), "change": fmt_change(ind, change), "direction": d,
                     "direction_label": _direction_label(d)})
    averages = [hub.average(c.shown, ind, p) for p in c.periods]
    by_group = []
    for choice in c.groups:
        members_ = [m for m in c.members if hub.in_group(m, choice.key)]
        now, n = hub.average(members_, ind, c.period) if c.period else (None, 0)
        base, nb = hub.average(members_, ind, c.baseline) if c.baseline else (None, 0)
        by_group.append({"label": choice.label, "now": fmt(ind, now), "n": n, "base": fmt(ind, base), "nb": nb,
                         "members": len(members_)})
    return render(request, "keyfigures/hub.html", {
        "network": network, "c": c, "rows": rows,
        "averages": [(fmt(ind, a), n) for a, n in averages], "by_group": by_group,
        "indicators": [(i.id, i.name(language())) for i in INDICATORS],
        "granularities": [(g, GRANULARITY_LABELS[g]) for g in GRANULARITIES],
        "import_form": ImportForm(), "query": c.query(),
        "name": c.indicator.name(language()), "known_versions": sorted(KNOWN_VERSIONS),
        "runs_hub": request.user.has_perm("keyfigures.hub"),
    })


def _cell(m, ind: str, period: str) -> dict:
    v = m.values.get(ind, {}).get(period)
    if v is None:
        return {"text": "", "hidden": False}
    if v.suppressed:
        return {"text": _("hidden"), "hidden": True}
    return {"text": fmt(ind, v.value), "hidden": False}


def _direction_label(d: str | None) -> str:
    from .views import DIRECTION_LABELS

    return str(DIRECTION_LABELS.get(d or "", ""))


@login_required
def hub_chart(request, pk: int):
    network = get_object_or_404(Network, pk=pk)
    _require_view(request.user, network)
    c = HubChoice(request, network)
    ind = c.indicator.id
    series: dict[str, Sequence[tuple[str, float | None]]] = {
        m.name: [(p, hub.value(m, ind, p)) for p in c.periods] for m in c.shown}
    average = [(p, hub.average(c.shown, ind, p)[0]) for p in c.periods]
    svg = charts.compare_svg(series, average, average_label=_("Network average"), empty_text=_("No figures"))
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "private, max-age=60"
    return response


REFUSALS = {
    "format": lambda p: _("The file is not a Forebyg key-figure aggregate file."),
    "format_version": lambda p: _("The file uses format version %(version)s, which this hub cannot read.") % p,
    "catalogue_version": lambda p: _("The file uses key-figure catalogue version %(version)s, but this hub knows "
                                     "version %(known)s. Both sides must use the same catalogue.") % p,
    "unknown_indicator": lambda p: _("The file contains an indicator this hub does not know: %(indicator)s.") % p,
    "outside_network": lambda p: _("%(name)s is not a member of the network %(network)s.") % p,
    "no_key": lambda p: _("No public key is registered for %(name)s in this network. Register the "
                          "municipality's key first.") % p,
    "signature_missing": lambda p: _("The file is not signed."),
    "signature_key": lambda p: _("The file was signed with another key than the one registered for %(name)s. "
                                 "Ask the municipality for its current public key.") % p,
    "signature_invalid": lambda p: _("The signature does not match: the file was changed after it was signed, or "
                                     "it was not signed by %(name)s.") % p,
}


def refusal_message(error: agg.AggregateError, network: Network) -> str:
    from forebyg.core.models import Municipality

    params = dict(error.params)
    code = params.get("municipality")
    if code is not None:
        muni = Municipality.objects.filter(pk=code).first()
        params["name"] = f"{muni.name} ({code})" if muni else str(code)
    else:
        params.setdefault("name", _("the municipality"))
    params["network"] = network.name
    params["known"] = ", ".join(str(v) for v in params.get("known", sorted(KNOWN_VERSIONS)))
    text = REFUSALS.get(error.code, lambda p: str(error))(params)
    return _("The file was not imported. %(reason)s") % {"reason": text}


@login_required
@require_POST
def hub_import(request, pk: int):
    _require(request.user)
    network = get_object_or_404(Network, pk=pk)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("keyfigures_hub_network", pk=pk)
    data = form.cleaned_data["file"].read()
    try:
        sub = services.hub_import(actor=request.user, network=network, data=data)
    except agg.AggregateError as exc:
        services.hub_refusal_log(actor=request.user, network=network, error=exc, data=data)
        messages.error(request, refusal_message(exc, network))
        return redirect("keyfigures_hub_network", pk=pk)
    messages.success(request, _("Imported the key figures of %(name)s (as of %(as_of)s).") % {
        "name": sub.municipality.name, "as_of": clock.local_date(sub.as_of)})
    return redirect("keyfigures_hub_network", pk=pk)


@login_required
def hub_key(request, pk: int):
    """The members' keys: the hub's users see every member and propose keys; a member's managers and
    analysts see their own municipality, set its key, and confirm or reject what the hub proposed."""
    from django.core.exceptions import ValidationError

    from . import hub_keys
    from .models import HubKeyChange

    network = get_object_or_404(Network, pk=pk)
    user = request.user
    if not hub_keys.may_open_keys(user, network):
        raise PermissionDenied
    is_hub = hub_keys.runs_hub(user)
    members = hub.members(network)
    own = [] if is_hub else [m for m in members if m.code == user.municipality_id]
    shown = members if is_hub else own
    form = KeyForm(request.POST or None, members=shown)
    if not is_hub and not request.POST:
        own_key = agg.public_key_text(services.signing_key(user.municipality_id, actor=user))
        form = KeyForm(initial={"municipality": user.municipality_id, "public_key": own_key}, members=shown)
    if request.method == "POST":
        if form.is_valid():
            try:
                change = hub_keys.hub_key_set(actor=user, network=network,
                                              municipality_id=form.cleaned_data["municipality"],
                                              public_key=form.cleaned_data["public_key"])
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                text = (_("The key %(fp)s is proposed for %(name)s. It counts when the municipality confirms it.")
                        if change.status == HubKeyChange.Status.PROPOSED else
                        _("The key %(fp)s is registered for %(name)s."))
                messages.success(request, text % {"fp": change.fingerprint, "name": change.municipality.name})
                return redirect("keyfigures_hub_key", pk=pk)
        else:
            messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    codes = [m.code for m in shown]
    changes = list(HubKeyChange.objects.filter(network=network, municipality_id__in=codes)
                   .select_related("municipality", "requested_by", "decided_by")[:200])
    pending = [c for c in changes if c.status == HubKeyChange.Status.PROPOSED]
    return render(request, "keyfigures/hub_keys.html", {
        "network": network, "members": shown, "form": form, "is_hub": is_hub, "changes": changes,
        "pending": pending, "may_decide": not is_hub,
    })


@login_required
@require_POST
def hub_key_decide(request, pk: int, change_pk: int, decision: str):
    from django.core.exceptions import ValidationError

    from . import hub_keys
    from .models import HubKeyChange

    network = get_object_or_404(Network, pk=pk)
    if decision not in ("bekraeft", "afvis") or not hub_keys.may_open_keys(request.user, network):
        raise PermissionDenied
    change = get_object_or_404(HubKeyChange, pk=change_pk, network=network,
                               municipality_id=request.user.municipality_id)
    try:
        hub_keys.hub_key_decide(actor=request.user, change=change, confirm=decision == "bekraeft")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, (_("The key %(fp)s is confirmed and now counts for %(name)s.") if decision == "bekraeft"
                                   else _("The proposed key %(fp)s is rejected.")) % {
            "fp": change.fingerprint, "name": change.municipality.name})
    return redirect("keyfigures_hub_key", pk=pk)
