# SPDX-License-Identifier: MPL-2.0
"""Management supervision (ledelsestilsyn): who read what, the flagged reads, and the log export."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forebyg.audit.services import log_change
from forebyg.core import clock
from forebyg.domain.calendar import CPH, local_date
from forebyg.web.spreadsheet import table_response
from forebyg.web.views import require

from . import supervision as sup

MAX_ROWS = 500
MAX_PERIOD_DAYS = 366


class PeriodForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    end = forms.DateField(label=gettext_lazy("To (inclusive)"),
                          widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    user = forms.TypedChoiceField(label=gettext_lazy("Employee"), coerce=int, required=False, empty_value=None)
    flag = forms.ChoiceField(label=gettext_lazy("Show"), required=False)

    def __init__(self, *args, users=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [("", _("Everyone"))] + [(u.pk, str(u)) for u in users]
        self.fields["flag"].choices = [("", _("Flagged reads")), ("all", _("All reads"))] + [
            (k, v) for k, v in sup.FLAGS.items()]

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end"):
            if data["end"] < data["start"]:
                self.add_error("end", _("The period ends before it starts."))
            elif (data["end"] - data["start"]).days > MAX_PERIOD_DAYS:
                self.add_error("end", _("Choose at most a year at a time."))
        return data


def _period(request, viewer):
    today = clock.today()
    users = list(sup.supervised_users(viewer).order_by("full_name", "username"))
    data = request.GET if "start" in request.GET else {"start": today - timedelta(days=7), "end": today}
    form = PeriodForm(data, users=users)
    if not form.is_valid():
        return form, None
    d = form.cleaned_data
    start = datetime.combine(d["start"], time(0), tzinfo=CPH)
    end = datetime.combine(d["end"] + timedelta(days=1), time(0), tzinfo=CPH)
    return form, (start, end, d.get("user"), d.get("flag") or "")


@login_required
def supervision(request):
    require(request.user, "audit.supervise")
    form, period = _period(request, request.user)
    ctx = {"form": form, "flags": sup.FLAGS}
    if period is not None:
        start, end, user_id, wanted = period
        reads, _users = sup.reads_for(viewer=request.user, start=start, end=end, user_id=user_id)
        shown = [r for r in reads if (wanted == "all" or (wanted == "" and r.flags) or wanted in r.flags)]
        ctx.update(summary=sup.summarise(reads), rows=shown[-MAX_ROWS:][::-1], total=len(shown),
                   cut=len(shown) > MAX_ROWS, query=request.GET.urlencode(), total_reads=len(reads))
    return render(request, "security/supervision.html", ctx)


def _rows(reads):
    header = [_("Time"), _("Employee"), _("User name"), _("Role"), _("Child (id)"), _("Page"), _("Basis"),
              _("IP address"), _("Reason"), _("Flags")]
    rows = []
    for r in reads:
        rows.append([r.local.strftime("%Y-%m-%d %H:%M:%S"), str(r.user), r.user.username, r.user.get_role_display(),
                     r.log.child_id, r.log.view, r.log.basis, r.log.ip or "", r.log.reason,
                     ", ".join(str(sup.FLAGS[f]) for f in r.flags)])
    return header, rows


@login_required
def export(request, fmt):
    """The access log for a period (every read, with its flags), as CSV or Excel."""
    require(request.user, "audit.supervise")
    if fmt not in ("csv", "xlsx"):
        raise Http404
    form, period = _period(request, request.user)
    if period is None:
        return render(request, "security/supervision.html", {"form": form, "flags": sup.FLAGS}, status=400)
    start, end, user_id, _wanted = period
    reads, _users = sup.reads_for(viewer=request.user, start=start, end=end, user_id=user_id)
    header, rows = _rows(reads)
    log_change(actor=request.user, action="audit.log.exported", obj=request.user,
               payload={"from": local_date(start).isoformat(), "to": (local_date(end) - timedelta(days=1)).isoformat(),
                        "rows": len(rows), "format": fmt})
    name = f"adgangslog-{local_date(start):%Y%m%d}-{local_date(end - timedelta(days=1)):%Y%m%d}"
    # Semicolons: the field separator Danish Excel expects in a CSV file.
    return table_response(fmt=fmt, filename=name, header=header, rows=rows, sheet_title=_("Access log"), delimiter=";")
