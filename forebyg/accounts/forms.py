# SPDX-License-Identifier: MPL-2.0
from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    otp_token = forms.CharField(
        label=_("Code"), max_length=16, strip=True,
        help_text=_("The 6-digit code from your authenticator app, or one of your backup codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_otp_token(self):
        return self.cleaned_data["otp_token"].replace(" ", "").replace("-", "")


class UserForm(forms.Form):
    """Create a user (with user name) or change one (role, team, name, e-mail) on the administrator's page."""

    username = forms.CharField(label=_("User name"), max_length=150,
                               help_text=_("Letters, digits and @ . + - _ only; cannot be changed later."))
    full_name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), help_text=_("The link to choose a password is sent here."))
    role = forms.ChoiceField(label=_("Role"))
    team = forms.ChoiceField(label=_("Team"), required=False)

    def __init__(self, *args, teams=(), creating=True, **kwargs):
        from .models import Role

        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", "—"), *Role.choices]
        self.fields["team"].choices = [("", _("No team")), *((t.pk, t.name) for t in teams)]
        if not creating:
            del self.fields["username"]
