# SPDX-License-Identifier: MPL-2.0
"""Managing users: create, change role and team, deactivate and reactivate, links to set a password.

Every change is one transaction with its audit entry. A municipality always keeps at least one
active administrator: the last one cannot be deactivated or given another role. Passwords are set
by the user through a one-time link made with Django's password-reset tokens
(`default_token_generator`): the link stops working once the password is set, after
PASSWORD_RESET_TIMEOUT, or when the user logs in. Two-factor authentication is still set up at the
first login (forebyg.accounts.twofactor)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from forebyg.audit.services import log_change
from forebyg.core.models import Municipality, Team
from forebyg.core.site import absolute

from .models import Role, User

if TYPE_CHECKING:
    from forebyg.accounts.models import User


def _team(municipality_id: int | None, team_id: str | None) -> Team | None:
    if not team_id:
        return None
    team = None
    if municipality_id is not None:  # a user without a municipality belongs to no team
        with scopes_disabled():
            team = Team.objects.filter(pk=team_id, municipality_id=municipality_id).first()
    if team is None:
        raise ValidationError({"team": _("There is no team with id %(id)s in the municipality.") % {"id": team_id}})
    return team


def _role(role: str) -> str:
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role %(role)s. Choose one of: %(roles)s.")
                               % {"role": role, "roles": ", ".join(Role.values)}})
    return role


def _keep_an_administrator(user: User, *, role: str, active: bool) -> None:
    """Refuse a change that leaves the user's municipality without an active administrator.
    The administrators' rows are locked first, so two administrators demoting each other at the
    same moment cannot both succeed."""
    if not (user.role == Role.ADMINISTRATOR and user.is_active) or (role == Role.ADMINISTRATOR and active):
        return
    admins_qs = User.objects.select_for_update(of=("self",)).filter(role=Role.ADMINISTRATOR, is_active=True)
    if user.municipality_id is None:
        admins_qs = admins_qs.filter(municipality__isnull=True)
    else:
        admins_qs = admins_qs.filter(municipality_id=user.municipality_id)
    admins = list(admins_qs.values_list("pk", flat=True))
    if not set(admins) - {user.pk}:
        raise ValidationError(_("%(name)s is the municipality's last active administrator: make another user "
                                "administrator first.") % {"name": user})


def _summary(user: User) -> dict:
    return {"user": user.username, "role": user.role, "team": user.team_id, "active": user.is_active}


def user_create(*, actor: User | None, username: str, full_name: str, role: str, municipality: int | Municipality,
                team: str | None = None, email: str = "", password: str | None = None) -> User:
    """A new user. Without a password the user gets an unusable one and sets theirs through a link
    (`password_link`). Raises ValidationError (nothing written) on bad input."""
    code = municipality.pk if isinstance(municipality, Municipality) else municipality
    muni = Municipality.objects.filter(pk=code).first()
    if muni is None:
        raise ValidationError({"municipality": _("There is no municipality with code %(code)s.") % {"code": code}})
    if actor is not None and actor.municipality_id != muni.pk:
        raise ValidationError(_("You can only create users in your own municipality."))
    user = User(username=User.normalize_username((username or "").strip()), full_name=(full_name or "").strip(),
                role=_role(role), municipality=muni, team=_team(muni.pk, team), email=(email or "").strip())
    if not user.full_name:
        raise ValidationError({"full_name": _("Give the user's name.")})
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    if password is not None:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValidationError({"password": exc.messages}) from None
        user.set_password(password)
    with transaction.atomic():
        user.save()
        log_change(actor=actor, action="accounts.user.created", obj=user,
                   payload={**_summary(user), "via": "cli" if actor is None else "page",
                            "password": "set" if password is not None else "link"})
    return user


def user_update(*, actor: User, user: User, role: str, team: str | None, full_name: str | None = None,
                email: str | None = None) -> User:
    """Change a user's role and team (and name and e-mail)."""
    with transaction.atomic():
        user = User.objects.select_for_update(of=("self",)).get(pk=user.pk)
        before = _summary(user)
        _keep_an_administrator(user, role=_role(role), active=user.is_active)
        user.role = role
        user.team = _team(user.municipality_id, team)
        if full_name is not None:
            if not full_name.strip():
                raise ValidationError({"full_name": _("Give the user's name.")})
            user.full_name = full_name.strip()
        if email is not None:
            user.email = email.strip()
        user.full_clean(exclude=["password"])
        user.save()
        log_change(actor=actor, action="accounts.user.changed", obj=user,
                   payload={"before": before, "after": _summary(user)})
    return user


def user_set_active(*, actor: User | None, user: User, active: bool) -> User:
    """Deactivate (the user can no longer log in; nothing they did is removed) or reactivate."""
    with transaction.atomic():
        user = User.objects.select_for_update(of=("self",)).get(pk=user.pk)
        if user.is_active == active:
            return user
        if actor is not None and actor.pk == user.pk and not active:
            raise ValidationError(_("You cannot deactivate yourself."))
        _keep_an_administrator(user, role=user.role, active=active)
        user.is_active = active
        user.save(update_fields=["is_active"])
        log_change(actor=actor, action="accounts.user.reactivated" if active else "accounts.user.deactivated",
                   obj=user, payload=_summary(user))
    return user


def password_link(user: User) -> str:
    """The one-time link where the user sets a password (FOREBYG_SITE_URL + the token)."""
    return absolute("password_set", urlsafe_base64_encode(force_bytes(user.pk)),
                    default_token_generator.make_token(user))


def password_link_issue(*, actor: User | None, user: User, send: bool = True) -> str:
    """Make a one-time link to set a password, audit-log it, and (with send) e-mail it to the user."""
    if not user.is_active:
        raise ValidationError(_("%(name)s is deactivated: reactivate the user first.") % {"name": user})
    if send and not user.email:
        raise ValidationError(_("%(name)s has no e-mail address: add one first.") % {"name": user})
    link = password_link(user)
    with transaction.atomic():
        log_change(actor=actor, action="accounts.password.link_issued", obj=user,
                   payload={"user": user.username, "sent_by_email": send})
        if send:
            context = {"user": user, "link": link}
            message = EmailMessage(subject=render_to_string("accounts/email/password_link_subject.txt", context).strip(),
                                   body=render_to_string("accounts/email/password_link.txt", context), to=[user.email])
            transaction.on_commit(message.send)
    return link


def password_changed(*, user: User, how: str) -> None:
    """Log that the user set (through a link) or changed their own password; the password is not logged."""
    user = User.objects.get(pk=user.pk)  # not request.user's lazy wrapper: the log names the object's type
    log_change(actor=user, action="accounts.password.set" if how == "link" else "accounts.password.changed",
               obj=user, payload={"user": user.username})
