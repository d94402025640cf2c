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
        from forebyg.accounts.models import Role
        from forebyg.cases.child_actions import with_child_and_query
        from forebyg.core import extension as x

        from . import hooks
        from .demo import letters_demo_load
        from .forms import ChildLetterChoice
        from .services import letters_remove_for_child

        x.register_audit_actions(self.label, ACTIONS)
        hooks.install()
        # The administrator's menu: the letter templates and letterhead.
        x.register_nav(x.NavItem("letter_templates", _("Letter templates"), roles=(Role.ADMINISTRATOR,), position=100))
        # "Write a letter" among the child page's actions (letters to the family about the child); the
        # form's buttons each draft a letter (forebyg.letters.views.child_letter): it never posts back here.
        x.register_child_action(x.ChildAction("letter", _("Write a letter"), ChildLetterChoice, _nothing,
                                              form_kwargs=with_child_and_query,
                                              template=ChildLetterChoice.page_template))
        x.register_demo_loader(x.DemoLoader("letters", letters_demo_load))
        # Retention: a letter (its text, recipient and PDF) cannot be anonymised; it goes whole with the
        # child's data, whether the child is anonymised or deleted (the PDF kept as a document goes too).
        x.register_retention_hooks(x.RetentionHooks("letters", remove_for_child=letters_remove_for_child))


def _nothing(call) -> None:
    return None
