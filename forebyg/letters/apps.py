# SPDX-License-Identifier: MPL-2.0
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "letters.letter.drafted": _("Letter drafted"),
    "letters.letter.changed": _("Letter draft changed"),
    "letters.letter.queued": _("Letter put in the outbox"),
    "letters.letter.sent": _("Letter sent"),
    "letters.letter.delivered": _("Letter delivered"),
    "letters.letter.failed": _("Letter could not be sent"),
    "letters.letter.cancelled": _("Letter cancelled"),
    "letters.template.saved": _("Letter template saved"),
    "letters.letterhead.saved": _("Letterhead saved"),
}


class LettersConfig(AppConfig):
    name = "forebyg.letters"
    label = "letters"
    verbose_name = _("Letters")

    def ready(self) -> None:
        from forebyg.audit.registry import ACTIONS as AUDIT_ACTIONS

        for name, label in ACTIONS.items():
            AUDIT_ACTIONS.setdefault(name, label)
        from . import hooks

        hooks.install()
        # The administrator's menu: the letter templates and letterhead.
        from forebyg.accounts.context import NAV
        from forebyg.accounts.models import Role

        if not any(name == "letter_templates" for name, _label in NAV.get(Role.ADMINISTRATOR, [])):
            NAV[Role.ADMINISTRATOR] = [*NAV.get(Role.ADMINISTRATOR, []), ("letter_templates", _("Letter templates"))]
        # "Write a letter" among the child page's actions (letters to the family about the child).
        from forebyg.cases.views.child import CHILD_ACTIONS

        from .forms import ChildLetterChoice

        CHILD_ACTIONS.setdefault("letter", (ChildLetterChoice, lambda u, c, d, o: None, _("Write a letter"), None))
        from forebyg.cases.services.demo import DEMO_LOADERS

        from .demo import letters_demo_load

        if letters_demo_load not in DEMO_LOADERS:
            DEMO_LOADERS.append(letters_demo_load)
        # Retention: a letter (its text, recipient and PDF) cannot be anonymised; it goes whole with the
        # child's data, whether the child is anonymised or deleted (the PDF kept as a document goes too).
        from forebyg.security.retention import CHILD_DATA_REMOVERS

        from .services import letters_remove_for_child

        if letters_remove_for_child not in CHILD_DATA_REMOVERS:
            CHILD_DATA_REMOVERS.append(letters_remove_for_child)
