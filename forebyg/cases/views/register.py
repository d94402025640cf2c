# SPDX-License-Identifier: MPL-2.0
"""Registering a child by CPR number from the CPR register (issue #19).

Register a child: look the number up, read what the register says (name, birth date, address, custody
holders, protection, death, a move out of the municipality), confirm. The register is asked again when
the caseworker confirms, so what is saved is the register's answer at that moment and no register
data travels through the browser: a protected address reaches only the page of someone who may see it
(forebyg.people.policy). Every lookup is logged with its purpose (forebyg.people.services).

Register a notification: the new child's CPR number can be looked up the same way; the name and
birth date are filled in, and address and custody holders are taken from the register on saving.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from forebyg.domain.people import Person
from forebyg.people.display import person_view
from forebyg.people.registry import RegistryError
from forebyg.people.services import person_lookup
from forebyg.security.crypto import cpr_hash

from .. import models as m
from ..register_forms import ChildConfirmForm, CprLookupForm
from ..services import practice
from .common import run_service

# The number being registered waits in the session (server-side) between lookup and confirmation: like the
# search page, the confirm page never writes a CPR number back into the page.
SESSION_KEY = "cases.register_cpr"
NOT_FOUND = "The CPR register has no person with this number. Check the number, or register without a CPR lookup."


def _lookup(request, form, cpr: str, *, purpose: str, field: str | None = "cpr") -> Person | None:
    """Look up; a bad number, no such person or a failing register becomes a form error."""
    try:
        person = person_lookup(actor=request.user, cpr=cpr, purpose=purpose, request=request)
    except ValidationError as exc:
        for error in exc.message_dict.get("cpr", exc.messages):
            form.add_error(field, error)
        return None
    except RegistryError as exc:
        form.add_error(None, str(exc.message))
        return None
    if person is None:
        form.add_error(field, _(NOT_FOUND))
    return person


def child_args(person: Person) -> dict:
    """What a registration takes from the register."""
    return {"name": person.name, "birth_date": person.birth_date, "cpr": person.cpr,
            "custody_holders": person.custody_records(), "holder_addresses": person.holder_addresses(),
            "address": person.address.one_line() if person.address else "", "address_protected": person.protected}


def _confirm_page(request, form, person: Person | None):
    return render(request, "cases/child_confirm.html", {
        "form": form, "person": person_view(person, user=request.user) if person else None,
        "title": _("Register child"), "lookup_url": reverse("child_new")})


def child_by_cpr(request):
    """Register a child from the register: step 1 the number, step 2 confirm (the view `child_new`)."""
    step = request.POST.get("step") if request.method == "POST" else None
    if step == "confirm":
        form = ChildConfirmForm(request.POST)
        person = None
        cpr = request.session.get(SESSION_KEY)
        if form.is_valid() and not cpr:
            form.add_error(None, _("Look the child up again: the lookup is no longer open."))
        elif form.is_valid():
            person = _lookup(request, form, cpr, field=None, purpose=_("Registration of a child (confirmed)"))
            if person is not None:
                created = {}

                def call():
                    created["child"] = practice.child_register(
                        actor=request.user, district=form.cleaned_data["district"],
                        institution=form.cleaned_data["institution"], **child_args(person))

                if run_service(form, call):
                    request.session.pop(SESSION_KEY, None)
                    messages.success(request, _("The child is registered."))
                    return redirect("child", pk=created["child"].pk)
        return _confirm_page(request, form, person)
    lookup = CprLookupForm(request.POST if step == "lookup" else None)
    if step == "lookup" and lookup.is_valid():
        cpr = lookup.cleaned_data["cpr"]
        if m.Child.objects.filter(cpr_hash=cpr_hash(cpr)).exists():
            lookup.add_error("cpr", _("A child with this CPR number is already registered."))
        else:
            person = _lookup(request, lookup, cpr, purpose=_("Registration of a child"))
            if person is not None:
                request.session[SESSION_KEY] = person.cpr
                return _confirm_page(request, ChildConfirmForm(), person)
    return render(request, "cases/child_lookup.html", {
        "form": lookup, "title": _("Register child"), "manual_url": reverse("child_new") + "?manual=1"})


def notification_lookup(request, form_class):
    """The notification form after "Look up in CPR": the new child's name and birth date filled in from the
    register, what the register says shown above the form; nothing is saved."""
    data = request.POST.dict()
    data.pop("csrfmiddlewaretoken", None)
    data.pop("lookup", None)
    probe = CprLookupForm({"cpr": data.get("new_child_cpr", "")})
    found = None
    if not data.get("new_child_cpr", "").strip():
        return form_class(initial=data), None, [_("Give the child's CPR number to look the child up.")]
    if probe.is_valid():
        found = _lookup(request, probe, probe.cleaned_data["cpr"], purpose=_("Registration of a notification"))
    if found is not None:
        data.update(new_child_name=found.name, new_child_birth_date=found.birth_date.isoformat(),
                    new_child_cpr=found.cpr[:6] + "-" + found.cpr[6:], from_register="1")
    else:
        data["from_register"] = ""
    errors = [str(e) for e in probe.errors.get("cpr", [])] + [str(e) for e in probe.non_field_errors()]
    return form_class(initial=data), (person_view(found, user=request.user) if found else None), errors


def new_child_from_register(request, form) -> dict | None:
    """On saving a notification whose new child was looked up: address and custody holders from the
    register (asked again). {} when the child was not looked up; None when the lookup failed (the error
    is on the form and nothing is saved)."""
    cpr = (form.cleaned_data.get("new_child_cpr") or "").strip()
    if not (form.cleaned_data.get("from_register") and form.cleaned_data.get("new_child_name") and cpr):
        return {}
    person = _lookup(request, form, cpr, field="new_child_cpr",
                     purpose=_("Registration of a notification (confirmed)"))
    if person is None:
        return None
    args = child_args(person)
    return {k: args[k] for k in ("custody_holders", "holder_addresses", "address", "address_protected")}
