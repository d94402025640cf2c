# SPDX-License-Identifier: MPL-2.0
"""Progression pages: a child's progression with charts, the printable summary (HTML and
PDF), goal targets and GAS levels, instrument answers, the team view with its flags, and
the municipality's instruments, staircase and thresholds. Every read of a child is
access-logged (get_child)."""

from __future__ import annotations

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forebyg.cases import models as cm
from forebyg.cases.views.common import get_child
from forebyg.core import clock
from forebyg.domain import instruments as di
from forebyg.domain import progression as dp
from forebyg.web.language import page_language as _language
from forebyg.web.views import require, run_service

from . import charts, forms, selectors, services, texts
from . import models as pm
from .round_forms import ScaleAllForm

FLAG_ORDER = (dp.REACHED, dp.STALLED)


def _labels() -> dict[str, str]:
    return {k: str(v) for k, v in pm.RESPONDENT_LABELS.items()}


def _describe_goal(view, labels: dict[str, str]) -> None:
    """The respondents' labels, the chart's description and the latest round's next steps of a goal."""
    view.respondent_labels = [charts.respondent_label(k, n, labels) for k, n in view.respondents]
    view.description = charts.describe(view, labels)
    latest = view.latest
    view.next_steps = [(charts.respondent_label(e.respondent, e.name, labels), e.next_step)
                       for e in dp.entries_from_json(latest.entries) if e.next_step] if latest else []


def progression_context(child: cm.Child, *, as_of=None) -> dict:
    """Everything the progression page, the child page's section and the summary show."""
    prog = selectors.child_progression(child, as_of=as_of)
    language = _language()
    labels = _labels()
    goals = {g.goal.pk: g.goal for g in prog.goals}
    names: dict[tuple[str, str], str] = {}
    for view in prog.goals:
        _describe_goal(view, labels)
        names.update({(k, n.casefold()): n for k, n in view.respondents})
    transitions = [{"t": t, "direction": texts.DIRECTIONS[t.direction],
                    "from_name": prog.staircase.name(t.from_step, language) if t.from_step else "",
                    "to_name": prog.staircase.name(t.to_step, language) if t.to_step else "",
                    "measure": prog.measures.get(t.to_measure or t.from_measure or "")} for t in prog.transitions]
    segments = [{"seg": s, "name": prog.staircase.name(s.step, language), "measure": prog.measures.get(s.measure)}
                for s in prog.segments]
    answers = []
    known = {(i.instrument.code, i.instrument.version): i.instrument
             for i in selectors.instruments_for(child.municipality_id, include_retired=True)} if prog.answers else {}
    for a in prog.answers:
        inst = known.get((a.instrument, a.instrument_version))
        answers.append({"answer": a, "instrument": inst,
                        "name": di.text_in(inst.name, language) if inst else f"{a.instrument} {a.instrument_version}",
                        "licence": di.text_in(inst.licence.get("text"), language) if inst else "",
                        "scores": _score_rows(inst, a.scores, language)})
    return {"prog": prog, "flags": texts.flag_rows(prog.flags, prog.rules, goals, labels, names),
            "transitions": transitions, "segments": segments, "answers": answers, "language": language,
            "current_step_name": prog.staircase.name(prog.current_step, language) if prog.current_step else ""}


def section_context(child: cm.Child) -> dict:
    """What the child page's progression section shows (progression/_child_section.html): the
    current step, the flags and the active goals that have been scaled; as `progression_context`,
    without what only the progression page shows (issue #20)."""
    prog = selectors.child_progression(child, section=True)
    language = _language()
    labels = _labels()
    goals = {g.goal.pk: g.goal for g in prog.goals}
    names: dict[tuple[str, str], str] = {}
    for view in prog.goals:
        names.update({(k, n.casefold()): n for k, n in view.respondents})
        if view.active and view.rounds:  # only these are shown in the section
            _describe_goal(view, labels)
    return {"prog": prog, "flags": texts.flag_rows(prog.flags, prog.rules, goals, labels, names),
            "language": language,
            "current_step_name": prog.staircase.name(prog.current_step, language) if prog.current_step else ""}


def _score_rows(inst: di.Instrument | None, scores: dict, language: str) -> list[dict]:
    rows = []
    for scale_id, value in (scores or {}).items():
        scale = None
        if inst is not None:
            scale = next((s for s in inst.scales() if (s is inst.total and scale_id == "total") or s.id == scale_id),
                         None)
        band = next((c for c in scale.cutoffs if c.id == value.get("band")), None) if scale else None
        rows.append({"name": di.text_in(scale.name, language) if scale else scale_id, "value": value.get("value"),
                     "band": di.text_in(band.label, language) if band else (value.get("band") or ""),
                     "note": di.text_in(band.note, language) if band and band.note else "",
                     "answered": value.get("answered"), "items": value.get("items")})
    return rows


@login_required
def child_progression(request, pk):
    c = get_child(request, pk, "progression")
    ctx = progression_context(c)
    ctx.update(child=c, can_casework=request.user.has_perm("cases.casework"),
               instruments=[{"instrument": a.instrument, "name": di.text_in(a.instrument.name, ctx["language"])}
                            for a in selectors.instruments_for(c.municipality_id)])
    return render(request, "progression/child.html", ctx)


def _chart_texts(view: selectors.GoalView) -> dict[str, str]:
    return {"step": _("Step"), "date": _("Date"), "score": _("Score (0-10)"), "respondent": _("Respondent"),
            "staircase": _("Staircase step"),
            "title": f"{view.goal.get_life_area_display()}: {view.goal.text[:90]}"}


def _goal_view(child: cm.Child, goal_pk: str):
    prog = selectors.child_progression(child)
    view = next((g for g in prog.goals if g.goal.pk == goal_pk), None)
    if view is None:
        raise Http404
    return prog, view


def chart_bytes(prog, view, fmt: str) -> bytes:
    chart = charts.goal_chart(view, prog, labels=_labels(), language=_language(), texts=_chart_texts(view))
    return charts.render(chart, fmt)


@login_required
def goal_chart(request, pk, goal_pk, fmt):
    """The chart of one goal as SVG (screen) or PNG (print), same origin for a strict CSP."""
    if fmt not in ("svg", "png"):
        raise Http404
    c = get_child(request, pk, "progression.chart")
    prog, view = _goal_view(c, goal_pk)
    data = chart_bytes(prog, view, fmt)
    response = HttpResponse(data, content_type="image/svg+xml" if fmt == "svg" else "image/png")
    response["Cache-Control"] = "private, no-store"
    if fmt == "png" and request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="progression-{goal_pk}.png"'
    return response


@login_required
def summary(request, pk):
    """The progression summary for the follow-up meeting, made for printing."""
    c = get_child(request, pk, "progression.summary")
    ctx = progression_context(c)
    ctx.update(child=c, printed_at=clock.now(), pdf=False)
    return render(request, "progression/summary.html", ctx)


@login_required
def summary_pdf(request, pk):
    from weasyprint import CSS, HTML

    c = get_child(request, pk, "progression.summary_pdf")
    ctx = progression_context(c)
    images = {}
    for view in ctx["prog"].charted_goals:
        images[view.goal.pk] = "data:image/png;base64," + base64.b64encode(
            chart_bytes(ctx["prog"], view, "png")).decode("ascii")
    ctx.update(child=c, printed_at=clock.now(), pdf=True, images=images)
    html = render_to_string("progression/summary.html", ctx, request=request)
    css = [CSS(filename=path) for path in (finders.find("forebyg/site.css"), finders.find("progression/progression.css"))
           if path]
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(
        stylesheets=css, url_fetcher=_no_fetch)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="progression-{c.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def _no_fetch(url, *args, **kwargs):
    """The PDF needs nothing from the network: charts come as data: URIs, styles as files."""
    if url.startswith("data:"):
        from weasyprint.urls import default_url_fetcher

        return default_url_fetcher(url)
    raise ValueError(f"not fetched: {url}")


@login_required
def goal_scale(request, pk, goal_pk):
    require(request.user, "cases.casework")
    c = get_child(request, pk, "progression.goal_scale")
    goal = cm.Goal.objects.filter(pk=goal_pk, child=c).select_related("plan").first()
    if goal is None:
        raise Http404
    current = pm.GoalScale.objects.filter(goal=goal).first()
    initial = {"gas_weight": 1}
    if current is not None:
        initial.update(target_score=current.target_score, gas_weight=current.gas_weight,
                       **{f"gas_{k}": v for k, v in (current.gas_levels or {}).items()})
    form = forms.GoalScaleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if run_service(form, lambda: services.goal_scale_set(actor=request.user, goal=goal,
                                                             target_score=d["target_score"],
                                                             gas_levels=form.levels(), gas_weight=d["gas_weight"])):
            messages.success(request, _("Saved."))
            return redirect("progression_child", pk=c.pk)
    return render(request, "progression/goal_scale_form.html", {"form": form, "child": c, "goal": goal})


@login_required
def scale_all(request, pk):
    """"Skaler alle mål": every goal of the child's plan scaled in one form, saved in one transaction."""
    require(request.user, "cases.casework")
    c = get_child(request, pk, "progression.scale_all")
    form = ScaleAllForm(request.POST or None, child=c,
                        initial={"held_at": clock.now().replace(second=0, microsecond=0)})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        index = {r["goal"].pk: r["index"] for r in d["rounds"]}
        try:
            saved = services.scaling_rounds_record(actor=request.user, child=c, held_at=d["held_at"],
                                                   rounds=d["rounds"], followup=d["followup"],
                                                   network_meeting=d["network_meeting"])
        except services.RoundsRefused as exc:
            for goal_pk, msgs in exc.by_goal.items():
                for msg in msgs:
                    form.mark_goal(index[goal_pk], msg)
            form.add_error(None, _("Nothing was saved: correct the goals marked below."))
        except ValidationError as exc:  # the time or the occasion: the same for every goal
            pairs = exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]
            for field, errors in pairs:
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, _("Saved: %(n)d of %(total)d goals scaled.")
                             % {"n": len(saved), "total": len(form.goals)})
            return redirect("progression_child", pk=c.pk)
    elif request.method == "POST" and form.goal_errors:
        form.add_error(None, _("Nothing was saved: correct the goals marked below."))
    return render(request, "progression/scale_all_form.html", {"form": form, "child": c,
                                                                "title": _("Scale all goals")})


@login_required
def instrument_answer(request, pk, code, version):
    require(request.user, "cases.casework")
    c = get_child(request, pk, "progression.instrument")
    inst = selectors.instrument_get(c.municipality_id, code, version)
    if inst is None:
        raise Http404
    language = _language()
    form = forms.InstrumentAnswerForm(request.POST or None, instrument=inst, language=language,
                                      initial={"answered_at": clock.now().replace(second=0, microsecond=0)})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if run_service(form, lambda: services.instrument_answer_record(
                actor=request.user, child=c, instrument=inst, answered_at=d["answered_at"],
                respondent=d["respondent"], respondent_name=d["respondent_name"], answers=form.answers())):
            messages.success(request, _("Saved."))
            return redirect("progression_child", pk=c.pk)
    return render(request, "progression/instrument_form.html", {
        "form": form, "child": c, "instrument": inst, "name": di.text_in(inst.name, language),
        "description": di.text_in(inst.description, language),
        "licence": di.text_in(inst.licence.get("text"), language)})


@login_required
def team(request):
    require(request.user, "progression.view_team")
    rows = selectors.team_flags(request.user)
    rules = selectors.settings_for(request.user.municipality_id).rules
    chosen = request.GET.get("flag") or "any"  # any flag raised (default), one of the flags, or "all"
    if chosen in FLAG_ORDER:
        shown = [r for r in rows if r.flags[chosen].raised]
    elif chosen == "all":
        shown = rows
    else:
        chosen = "any"
        shown = [r for r in rows if any(f.raised for f in r.flags.values())]
    counts = {code: sum(r.flags[code].raised for r in rows) for code in FLAG_ORDER}
    flags = [{"code": code, "title": texts.FLAG_TITLES[code], "hint": texts.FLAG_HINTS[code],
              "rule": texts.rule_text(code, rules), "count": counts[code]} for code in FLAG_ORDER]
    staircase = selectors.staircase_for(request.user.municipality_id)
    language = _language()
    labels = _labels()
    for r in shown:
        r.flag_list = texts.flag_rows(r.flags, rules, r.goals, labels, r.names)
        r.step_name = staircase.name(r.step, language) if r.step else ""
    return render(request, "progression/team.html", {
        "rows": shown, "flags": flags, "chosen": chosen, "total": len(rows),
        "team": request.user.team if request.user.role == "team_leader" else None})


@login_required
def instruments_page(request):
    require(request.user, "progression.view_instruments")
    can_configure = request.user.has_perm("progression.configure")
    form = forms.InstrumentUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        require(request.user, "progression.configure")
        if form.is_valid():
            try:
                text = form.text()
            except Exception as exc:  # noqa: BLE001 - a form error, shown to the user
                form.add_error("file", exc)
            else:
                if run_service(form, lambda: services.instrument_load(actor=request.user, text=text)):
                    messages.success(request, _("The instrument is loaded."))
                    return redirect("progression_instruments")
    language = _language()
    available = [{"a": a, "name": di.text_in(a.instrument.name, language),
                  "description": di.text_in(a.instrument.description, language),
                  "licence": di.text_in(a.instrument.licence.get("text"), language)}
                 for a in selectors.instruments_for(request.user.municipality_id, include_retired=True)]
    return render(request, "progression/instruments.html", {"available": available, "form": form,
                                                            "can_configure": can_configure})


@login_required
@require_POST
def instrument_toggle(request, instrument_pk):
    require(request.user, "progression.configure")
    row = pm.Instrument.objects.filter(pk=instrument_pk).first()
    if row is None:
        raise Http404
    services.instrument_set_active(actor=request.user, instrument=row, active=not row.active)
    return redirect("progression_instruments")


@login_required
def settings_page(request):
    require(request.user, "progression.configure")
    mid = request.user.municipality_id
    config = selectors.staircase_for(mid)
    current = selectors.settings_for(mid)
    which = request.POST.get("form") if request.method == "POST" else None
    stairs = forms.StaircaseForm(request.POST if which == "staircase" else None, config=config)
    initial = {**current.rules.to_json(), "gas_rho": current.rho}
    rules_form = forms.FlagRulesForm(request.POST if which == "rules" else None, initial=initial)
    if which == "staircase" and stairs.is_valid():
        if run_service(stairs, lambda: services.staircase_configure(actor=request.user, **stairs.config_args())):
            messages.success(request, _("The staircase is saved."))
            return redirect("progression_settings")
    if which == "rules" and rules_form.is_valid():
        if run_service(rules_form, lambda: services.progression_settings_save(
                actor=request.user, rules=rules_form.rules(), gas_rho=float(rules_form.cleaned_data["gas_rho"]))):
            messages.success(request, _("The flag settings are saved."))
            return redirect("progression_settings")
    return render(request, "progression/settings.html", {
        "stairs": stairs, "rules_form": rules_form, "config": config,
        "rule_texts": [(texts.FLAG_TITLES[c], texts.rule_text(c, current.rules)) for c in FLAG_ORDER]})
