# SPDX-License-Identifier: MPL-2.0
"""The registry of action types: every change the application logs, and how to show it."""

from forebyg.core import extension

# The action types live with the app that logs them (its apps.py, AUDIT_ACTIONS), registered
# through forebyg.core.extension.register_audit_actions; this is the registry they land in.
ACTIONS = extension.AUDIT_ACTIONS


class UnknownActionType(KeyError):
    pass


def action_type(name: str) -> str:
    if name not in ACTIONS:
        raise UnknownActionType(name)
    return name


def describe(name: str) -> str:
    return extension.audit_label(name)
