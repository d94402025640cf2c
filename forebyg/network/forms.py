# SPDX-License-Identifier: MPL-2.0
"""Forms for networks. They only parse input; the services decide what is valid."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from forebyg.core.models import Municipality
from forebyg.domain.calendar import local_date

from . import models as m
from .selectors import scope

DT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
D = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def dt_field(label, required=True):
    return forms.DateTimeField(label=label, required=required, widget=DT,
                               input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])


def d_field(label, required=True):
    return forms.DateField(label=label, required=required, widget=D)


def text_area(label, rows=3, required=True, help_text=""):
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}),
                           help_text=help_text)


def municipality_field(label=None, queryset=None, required=True):
    field = forms.ModelChoiceField(label=label or _("Municipality"), required=required,
                                   queryset=queryset if queryset is not None else Municipality.objects.order_by("name"))
    field.label_from_instance = lambda mun: mun.name
    return field


def cap_field(label, help_text):
    return forms.IntegerField(label=label, required=False, min_value=1, max_value=10000, help_text=help_text)


class NetworkForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=m.NetworkKind.choices)
    purpose = text_area(_("Purpose"), rows=4, required=False)
    organisers = forms.CharField(label=_("Organisers"), max_length=500, required=False,
                                 help_text=_("E.g. 'Socialstyrelsen, KL'."))
    starts_on = d_field(_("Starts"), required=False)
    ends_on = d_field(_("Ends"), required=False)
    max_member_municipalities = cap_field(_("Maximum member municipalities"),
                                          _("Partnership municipalities are not counted. Empty: no limit."))
    max_participants_per_municipality = cap_field(_("Maximum participants per municipality"), _("Empty: no limit."))


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, help_text=_("E.g. 'Klynge Øst' or 'Region Sjælland'."))
    chair = municipality_field(_("Chair municipality"), required=False)
    reported_members = forms.IntegerField(label=_("Reported members"), required=False, min_value=0)
    reported_municipalities = forms.IntegerField(label=_("Reported municipalities"), required=False, min_value=0)


class MembershipForm(forms.Form):
    municipality = municipality_field()
    role = forms.ChoiceField(label=_("Role"), choices=m.MembershipRole.choices)
    group = forms.ModelChoiceField(label=_("Group"), queryset=m.Group.objects.none(), required=False,
                                   empty_label=_("No group"))
    valid_from = d_field(_("Valid from"))
    valid_to = d_field(_("Valid to"), required=False)

    def __init__(self, *args, network=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = network.groups.all()


class MembershipEndForm(forms.Form):
    valid_to = d_field(_("Valid to"))


class ParticipantForm(forms.Form):
    municipality = municipality_field()
    name = forms.CharField(label=_("Name"), max_length=200)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"))
    invite = forms.BooleanField(label=_("Send a personal link by e-mail now"), required=False, initial=True)

    def __init__(self, *args, network=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.filter(
            pk__in=scope.member_municipality_ids(network)).order_by("name")


class CallForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    text = text_area(_("Text of the call"), rows=8)
    deadline = dt_field(_("Application deadline"))
    announce_to = text_area(_("Announce to"), rows=3, required=False,
                            help_text=_("E-mail addresses, one per line. They get the call and a reminder "
                                        "before the deadline."))
    publish = forms.BooleanField(label=_("Publish now"), required=False)


def parse_persons(text: str) -> list[dict]:
    """'name, title, e-mail' per line (title may be left out)."""
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(",")]
        if len(parts) < 2:
            raise forms.ValidationError(_("Write each person as 'name, title, e-mail'."))
        out.append({"name": parts[0], "title": ", ".join(parts[1:-1]), "email": parts[-1]})
    return out


class ApplicationForm(forms.Form):
    municipality = municipality_field(_("Your municipality"))
    contact_name = forms.CharField(label=_("Contact person"), max_length=200)
    contact_email = forms.EmailField(label=_("Contact e-mail"),
                                     help_text=_("We send the receipt and our answer to this address."))
    motivation = text_area(_("Why do you want to take part?"), rows=10,
                           help_text=_("About half to one page."))
    persons = text_area(_("Leaders and key persons who will take part"), rows=4)

    def __init__(self, *args, cap=None, **kwargs):
        super().__init__(*args, **kwargs)
        help_text = _("One per line: name, title, e-mail.")
        if cap:
            help_text = _("One per line: name, title, e-mail. At most %(cap)d persons.") % {"cap": cap}
        self.fields["persons"].help_text = help_text

    def clean_persons(self):
        return parse_persons(self.cleaned_data["persons"])


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect,
                                 choices=[("accept", _("Accept")), ("decline", _("Decline"))])
    reason = text_area(_("Reason"), required=False,
                       help_text=_("Required when declining. It is sent to the municipality."))
    role = forms.ChoiceField(label=_("Role if accepted"), choices=m.MembershipRole.choices,
                             initial=m.MembershipRole.REFERENCE)
    group = forms.ModelChoiceField(label=_("Group if accepted"), queryset=m.Group.objects.none(), required=False,
                                   empty_label=_("No group"))

    def __init__(self, *args, network=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = network.groups.all()


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=m.EventKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    group = forms.ModelChoiceField(label=_("For"), queryset=m.Group.objects.none(), required=False,
                                   empty_label=_("The whole network"))
    starts_at = dt_field(_("Starts"))
    ends_at = dt_field(_("Ends"))
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    capacity = forms.IntegerField(label=_("Capacity"), required=False, min_value=1, help_text=_("Empty: no limit."))
    agenda = text_area(_("Agenda"), rows=6, required=False)

    def __init__(self, *args, network=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = network.groups.all()


class EventEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    capacity = forms.IntegerField(label=_("Capacity"), required=False, min_value=1, help_text=_("Empty: no limit."))
    agenda = text_area(_("Agenda"), rows=6, required=False)


class EventMoveForm(forms.Form):
    starts_at = dt_field(_("New start"))
    ends_at = dt_field(_("New end"))
    place = forms.CharField(label=_("Place"), max_length=300, required=False,
                            help_text=_("Leave as it is to keep the place."))
    reason = text_area(_("Reason"), help_text=_("Sent to everyone registered or on the waiting list."))


class EventCancelForm(forms.Form):
    reason = text_area(_("Reason"), help_text=_("Sent to everyone registered or on the waiting list."))


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    phase = forms.ChoiceField(label=_("When"), choices=m.MaterialPhase.choices)
    file = forms.FileField(label=_("File"), help_text=_("At most 25 MB."))


class RegistrationAddForm(forms.Form):
    participant = forms.ModelChoiceField(label=_("Participant"), queryset=m.Participant.objects.none())

    def __init__(self, *args, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = scope.participants_in_scope(event)
        self.fields["participant"].label_from_instance = lambda p: f"{p.name} ({p.municipality.name})"


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    description = text_area(_("Description"), rows=5, required=False)
    due_on = d_field(_("Due"))
    group = forms.ModelChoiceField(label=_("For"), queryset=m.Group.objects.none(), required=False,
                                   empty_label=_("Every member municipality"))
    event = forms.ModelChoiceField(label=_("Given at"), queryset=m.Event.objects.none(), required=False)

    def __init__(self, *args, network=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = network.groups.all()
        self.fields["event"].queryset = network.events.all()
        self.fields["event"].label_from_instance = lambda e: f"{e.title} ({local_date(e.starts_at):%d.%m.%Y})"


class HandInForm(forms.Form):
    municipality = municipality_field()
    text = text_area(_("What was handed in"), rows=5, required=False)
    file = forms.FileField(label=_("File"), required=False, help_text=_("At most 25 MB."))

    def __init__(self, *args, task=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.filter(
            pk__in=scope.member_municipality_ids(task.network, task.group)).order_by("name")


class ParticipantHandInForm(forms.Form):
    text = text_area(_("Your municipality's hand-in"), rows=5, required=False)
    file = forms.FileField(label=_("File"), required=False, help_text=_("At most 25 MB."))


class AttendanceFilterForm(forms.Form):
    event = forms.ModelChoiceField(label=_("Event"), queryset=m.Event.objects.none(), required=False,
                                   empty_label=_("All events"))
    group = forms.ModelChoiceField(label=_("Group"), queryset=m.Group.objects.none(), required=False,
                                   empty_label=_("All groups"))
    municipality = municipality_field(required=False)
    cancelled = forms.BooleanField(label=_("Include cancellations"), required=False)

    def __init__(self, *args, network=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = network.events.all()
        self.fields["event"].label_from_instance = lambda e: f"{local_date(e.starts_at):%d.%m.%Y} {e.title}"
        self.fields["group"].queryset = network.groups.all()
        self.fields["municipality"].queryset = Municipality.objects.filter(
            pk__in=scope.member_municipality_ids(network)).order_by("name")
        self.fields["municipality"].empty_label = _("All municipalities")
