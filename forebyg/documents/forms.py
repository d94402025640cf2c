# SPDX-License-Identifier: MPL-2.0
"""Upload forms. The type and size are checked by the service (by content), not here."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from .kinds import KINDS

ALLOWED_HELP = _("PDF, images (PNG, JPEG, GIF), Word documents or e-mails (.eml, .msg), at most %(mb)s MB.")


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False,
                            help_text=_("Leave empty to use the file's name."))
    kind = forms.ChoiceField(label=_("Kind of document"), choices=())
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, max_mb: int, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = [(k, v) for k, v in KINDS.items()]
        self.fields["kind"].initial = "other"
        self.fields["file"].help_text = ALLOWED_HELP % {"mb": max_mb}


class VersionForm(forms.Form):
    file = forms.FileField(label=_("New version"))
