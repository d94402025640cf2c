# SPDX-License-Identifier: MPL-2.0
"""Secretariat pages for tasks between meetings and the municipalities' hand-ins."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from forebyg.core import clock

from .. import forms as f
from ..selectors import networks as net_sel
from ..selectors import tasks as sel
from ..services import tasks as svc
from .common import file_response, form_page, found, secretariat


@secretariat
def task_new(request, pk):
    network = found(net_sel.network_get(pk))
    form = f.TaskForm(request.POST or None, network=network, initial={"event": request.GET.get("event")})
    return form_page(request, form, lambda d: svc.task_create(actor=request.user, network=network, **d),
                     title=_("New task between meetings"), success=_("The task is created."),
                     done=lambda t: reverse("network_task", args=[t.pk]),
                     back=reverse("network_detail", args=[network.pk]))


@secretariat
def task_detail(request, pk):
    task = found(sel.task_get(pk))
    rows = sel.handin_overview(task)
    return render(request, "network/task.html", {
        "task": task, "network": task.network, "rows": rows, "today": clock.today(),
        "handed_in": sum(1 for r in rows if r.handin)})


@secretariat
def handin_record(request, pk):
    """The secretariat records a hand-in received another way (e.g. by e-mail)."""
    task = found(sel.task_get(pk))
    form = f.HandInForm(request.POST or None, request.FILES or None, task=task,
                        initial={"municipality": request.GET.get("municipality")})
    return form_page(request, form, lambda d: svc.handin_submit(actor=request.user, task=task, **d),
                     title=_("Record hand-in for %(title)s") % {"title": task.title}, success=_("Saved."),
                     done=lambda h: reverse("network_task", args=[task.pk]),
                     back=reverse("network_task", args=[task.pk]), extra={"multipart": True})


@secretariat
def handin_download(request, pk):
    handin = found(sel.handin_get(pk))
    return file_response(handin.file, handin.original_name)
