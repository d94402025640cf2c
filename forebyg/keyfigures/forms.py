# SPDX-License-Identifier: MPL-2.0
"""Forms of the network hub: import an aggregate file, register a member's public key."""

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_FILE = 20 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Aggregate file (JSON) from a member municipality"))

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > MAX_FILE:
            raise forms.ValidationError(_("The file is too large (at most 20 MB)."))
        return f


class KeyForm(forms.Form):
    municipality = forms.TypedChoiceField(label=_("Municipality"), coerce=int)
    public_key = forms.CharField(label=_("Public key"), max_length=100,
                                 help_text=_("As shown on the municipality's export page: base64, 44 characters."))

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [(m.code, f"{m.name} ({m.code})") for m in members]
