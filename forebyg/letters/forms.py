# SPDX-License-Identifier: MPL-2.0
from django import forms
from django.utils.translation import gettext_lazy as _

from forebyg.cases.models import FEEDBACK_LABELS
from forebyg.domain import letters as dl

from .models import Transport

INPUT_FIELDS = {
    "measure_name": lambda: forms.CharField(label=_("Which measure (may be left empty)"), required=False,
                                            max_length=200),
    "started_date": lambda: forms.DateField(label=_("Date the investigation started"), required=False,
                                            widget=forms.DateInput(attrs={"type": "date"})),
    "meeting_date": lambda: forms.DateField(label=_("Date"), required=False,
                                            widget=forms.DateInput(attrs={"type": "date"})),
    "meeting_time": lambda: forms.CharField(label=_("Time"), required=False, max_length=20),
    "meeting_place": lambda: forms.CharField(label=_("Place"), required=False, max_length=200),
    "reasons": lambda: forms.CharField(label=_("Reasons for the decision"), required=False, widget=forms.Textarea),
    "matter": lambda: forms.CharField(label=_("What the hearing is about"), required=False, widget=forms.Textarea),
    "answer_by": lambda: forms.DateField(label=_("Answer by"), required=False,
                                         widget=forms.DateInput(attrs={"type": "date"})),
}


class LetterForm(forms.Form):
    recipient_name = forms.CharField(label=_("Recipient"), max_length=200, required=False)
    transport = forms.ChoiceField(label=_("Send by"), choices=Transport.choices)
    recipient_cpr = forms.CharField(label=_("Recipient's CPR number (Digital Post)"), required=False, max_length=11)
    recipient_cvr = forms.CharField(label=_("Recipient's CVR number (Digital Post to a workplace)"), required=False,
                                    max_length=8)
    recipient_email = forms.EmailField(label=_("Recipient's e-mail"), required=False)
    recipient_address = forms.CharField(label=_("Recipient's postal address"), required=False,
                                        widget=forms.Textarea(attrs={"rows": 3}))
    recipient_protected = forms.BooleanField(label=_("The recipient has name and address protection"),
                                             required=False)

    def __init__(self, *args, letter, **kwargs):
        super().__init__(*args, **kwargs)
        self.letter = letter
        if letter.kind == "feedback":
            self.fields["feedback_content"] = forms.ChoiceField(
                label=_("What the notifier is told"), choices=[("", "—"), *FEEDBACK_LABELS.items()], required=False)
        for name in dl.KINDS[letter.kind].inputs:
            self.fields[name] = INPUT_FIELDS[name]()

    def input_names(self) -> list[str]:
        return [n for n in self.fields if n == "feedback_content" or n in INPUT_FIELDS]

    def service_args(self) -> dict:
        data = dict(self.cleaned_data)
        inputs = {}
        for name in self.input_names():
            value = data.pop(name, None)
            inputs[name] = value.isoformat() if hasattr(value, "isoformat") else (value or "")
        return {**data, "inputs": inputs}


class SentForm(forms.Form):
    sent_at = forms.DateTimeField(label=_("Handed over or posted"),
                                  widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                             format="%Y-%m-%dT%H:%M"))


class TemplateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 22}))


class LetterheadForm(forms.Form):
    sender = forms.CharField(label=_("Sending unit"), max_length=200)
    address = forms.CharField(label=_("Address"), widget=forms.Textarea(attrs={"rows": 3}))
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    website = forms.CharField(label=_("Website"), max_length=200, required=False)
    authority_id = forms.CharField(label=_("CVR number of the sender (Digital Post)"), max_length=8, required=False)


class ChildLetterChoice(forms.Form):
    """"Write a letter" among the child page's actions: the kinds of letter to the family, each a button
    that drafts one (forebyg.letters.views.child_letter). Shown by the case core's generic child action
    view (ADR 0005); it never posts back there."""

    needs_child = True
    page_template = "letters/child_letter.html"

    def __init__(self, *args, child=None, query=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.child = child
        self.kinds = [(k.code, _(k.label)) for k in dl.KINDS.values() if not k.to_professional]
