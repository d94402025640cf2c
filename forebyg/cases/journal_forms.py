# SPDX-License-Identifier: MPL-2.0
"""The form for writing a journal note on the child's page (issue #15)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from forebyg.core import clock
from forebyg.domain.interchange import schema as sx

from . import models as m
from .forms import choice, dt_field


class JournalNoteForm(forms.Form):
    written_at = dt_field(_("When"))
    kind = choice(sx.JOURNAL_KINDS, m.JOURNAL_KIND_LABELS, _("Kind of contact"))
    text = forms.CharField(label=_("Note"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("written_at", clock.now().replace(second=0, microsecond=0))
