# SPDX-License-Identifier: MPL-2.0
from django import forms
from django.utils.translation import gettext_lazy as _

from .tokens import DEFAULT_DAYS, MAX_DAYS


class TokenForm(forms.Form):
    name = forms.CharField(label=_("What the token is for"), max_length=100,
                           help_text=_("E.g. the name of the system that will use it."))
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1, max_value=MAX_DAYS, initial=DEFAULT_DAYS)
