# SPDX-License-Identifier: MPL-2.0
"""Administration of the municipality's organisation and range of offers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forebyg.domain.staircase import KINDS_BY_CODE
from forebyg.web.language import page_language
from forebyg.web.views import require, run_service

from . import forms as f
from . import services

KINDS = {
    "team": (f.TeamForm, gettext_lazy("Teams"), ["name"]),
    "district": (f.DistrictForm, gettext_lazy("School districts"), ["name"]),
    "institution": (f.InstitutionForm, gettext_lazy("Institutions"), ["name", "kind", "district"]),
    "offer": (f.OfferForm, gettext_lazy("Range of offers"), ["name", "provider", "measure_kind", "price_per_month"]),
}


def _kind_name(code: str) -> str:
    kind = KINDS_BY_CODE.get(code)
    if kind is None:
        return code
    return kind.name_da if page_language() == "da" else kind.name_en


@login_required
def organisation(request):
    require(request.user, "core.configure")
    sections = []
    for kind, (_form, title, _fields) in KINDS.items():
        model = services.MODELS[kind]
        # Each row with the Danish (or English) name of its measure kind: the code ("bl_respite") is
        # for the data, not for the page.
        rows = [(o, _kind_name(getattr(o, "measure_kind", ""))) for o in model.objects.all()]
        sections.append({"kind": kind, "title": title, "rows": rows})
    return render(request, "organisation/organisation.html", {"sections": sections})


@login_required
def organisation_edit(request, kind, pk=None):
    require(request.user, "core.configure")
    if kind not in KINDS:
        raise Http404
    form_class, title, fields = KINDS[kind]
    obj = None
    if pk is not None:
        obj = services.MODELS[kind].objects.filter(pk=pk).first()
        if obj is None:
            raise Http404
    initial = {name: getattr(obj, name) for name in fields} if obj else {}
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if obj is None:
            call = lambda: services.organisation_create(actor=request.user, kind=kind, **form.cleaned_data)  # noqa: E731
        else:
            call = lambda: services.organisation_update(actor=request.user, obj=obj, **form.cleaned_data)  # noqa: E731
        if run_service(form, call):
            messages.success(request, _("Saved."))
            return redirect("organisation")
    return render(request, "cases/form.html", {"form": form, "title": title, "back": ("organisation", None)})
