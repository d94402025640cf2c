# SPDX-License-Identifier: MPL-2.0
"""Forms for registering a child by CPR number from the CPR register (issue #19): look up, then confirm."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from forebyg.core.models import District, Institution


class CprLookupForm(forms.Form):
    cpr = forms.CharField(label=_("CPR number"), max_length=11, help_text=_("DDMMYY-XXXX. The child is looked up in "
                                                                          "the CPR register; you confirm before "
                                                                          "anything is saved."))


class ChildConfirmForm(forms.Form):
    """The caseworker's part of a registration from the register: the school district and the school or
    daycare. The number looked up waits in the session; name, birth date, address and custody holders come
    from the register when the registration is confirmed."""

    district = forms.ModelChoiceField(label=_("School district"), queryset=District.objects.none(), required=False)
    institution = forms.ModelChoiceField(label=_("School or daycare"), queryset=Institution.objects.none(),
                                         required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.all()
        self.fields["institution"].queryset = Institution.objects.all()
