# SPDX-License-Identifier: MPL-2.0
"""Managing users (issue #17): the services behind `forebyg user` and the administrator's pages. Bad
input changes nothing; every change is in the audit log; a municipality keeps an active administrator;
a one-time link (Django's password-reset token) lets a new user choose a password, once."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from forebyg.accounts import services
from forebyg.accounts.models import User
from forebyg.audit.models import LogEntry

pytestmark = pytest.mark.django_db


def can_log_in(username: str, password: str) -> bool:
    """The login page's password step accepts them (the second factor follows)."""
    r = Client().post("/login/", {"username": username, "password": password})
    return r.status_code == 302 and "/konto/totp/" in r["Location"]


def actions(user) -> list[str]:
    return list(LogEntry.objects.filter(object_type="user", object_id=str(user.pk)).order_by("id")
                .values_list("action_type", flat=True))


def test_create_validates_everything_before_writing(municipality, team):
    before = (User.objects.count(), LogEntry.objects.count())
    bad = [dict(role="boss"), dict(municipality=999), dict(team="no-such-team"), dict(username="has space"),
           dict(full_name=" "), dict(email="not-an-address"), dict(password="short")]
    for change in bad:
        args = {**dict(actor=None, username="karen", full_name="Karen Syntetisk", role="caseworker",
                       municipality=municipality.code, team=team.pk, email="karen@example.org"), **change}
        with pytest.raises(ValidationError):
            services.user_create(**args)
    assert (User.objects.count(), LogEntry.objects.count()) == before


def test_create_with_password_then_login_and_audit(municipality, team):
    user = services.user_create(actor=None, username="karen", full_name="Karen Syntetisk", role="caseworker",
                                municipality=municipality.code, team=team.pk, password="a-long-synthetic-pass")
    assert can_log_in("karen", "a-long-synthetic-pass")
    assert actions(user) == ["accounts.user.created"]
    entry = LogEntry.objects.get(action_type="accounts.user.created")
    assert entry.municipality_id == municipality.code and "a-long-synthetic-pass" not in str(entry.payload)
    with pytest.raises(ValidationError, match="already exists"):
        services.user_create(actor=None, username="karen", full_name="Other", role="caseworker",
                             municipality=municipality.code)


def test_the_last_active_administrator_stays(municipality, users):
    admin = users["administrator"]
    for change in (lambda: services.user_set_active(actor=None, user=admin, active=False),
                   lambda: services.user_update(actor=None, user=admin, role="manager", team=None)):
        with pytest.raises(ValidationError, match="last active administrator"):
            change()
    admin.refresh_from_db()
    assert admin.is_active and admin.role == "administrator"
    second = services.user_create(actor=admin, username="admin2", full_name="Anden Admin", role="administrator",
                                  municipality=municipality.code)
    services.user_set_active(actor=second, user=admin, active=False)  # now there is another one
    with pytest.raises(ValidationError, match="last active administrator"):
        services.user_update(actor=None, user=second, role="caseworker", team=None)
    services.user_set_active(actor=second, user=admin, active=True)
    assert actions(admin)[-2:] == ["accounts.user.deactivated", "accounts.user.reactivated"]


def test_one_time_link_sets_the_password_once(settings, municipality, users):
    settings.FOREBYG_SITE_URL = "https://forebyg.kommune.example"
    admin = users["administrator"]
    user = services.user_create(actor=admin, username="karen", full_name="Karen Syntetisk", role="caseworker",
                                municipality=municipality.code, email="karen@example.org")
    assert not user.has_usable_password()
    link = services.password_link_issue(actor=admin, user=user, send=False)
    assert link.startswith("https://forebyg.kommune.example/konto/adgangskode/ny/")
    path = link.removeprefix("https://forebyg.kommune.example")
    c = Client()
    r = c.get(path, follow=True)  # Django moves the token into the session and redirects
    assert r.status_code == 200 and "Choose a password" in r.content.decode()
    r = c.post(r.redirect_chain[-1][0], {"new_password1": "en-lang-syntetisk-kode", "new_password2": "en-lang-syntetisk-kode"})
    assert r.status_code == 302
    assert can_log_in("karen", "en-lang-syntetisk-kode")
    assert "accounts.password.set" in actions(user)
    again = Client().get(path, follow=True)
    assert "no longer works" in again.content.decode()


def test_administrator_pages_create_edit_deactivate(login, municipality, team, users, django_capture_on_commit_callbacks):
    admin = users["administrator"]
    c = login(admin)
    assert "New user" in c.get("/konto/brugere/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post("/konto/brugere/ny/", {"username": "karen", "full_name": "Karen Syntetisk", "email": "karen@example.org",
                                          "role": "caseworker", "team": team.pk}, follow=True)
    page = r.content.decode()
    assert "Karen Syntetisk is created" in page and "karen@example.org" in page
    karen = User.objects.get(username="karen")
    assert (karen.role, karen.team_id, karen.municipality_id) == ("caseworker", team.pk, municipality.code)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["karen@example.org"]
    link = re.search(r"https?://\S+/konto/adgangskode/ny/\S+/", mail.outbox[0].body).group(0)
    assert link.startswith(services.password_link(karen)[:40])

    # a second user with the same user name: a message on the form, nothing written
    before = LogEntry.objects.count()
    r = c.post("/konto/brugere/ny/", {"username": "karen", "full_name": "Karen To", "email": "k2@example.org",
                                      "role": "caseworker", "team": ""})
    assert r.status_code == 200 and "already exists" in r.content.decode()
    assert LogEntry.objects.count() == before and User.objects.filter(username="karen").count() == 1

    r = c.post(f"/konto/brugere/{karen.pk}/", {"full_name": "Karen Syntetisk", "email": "karen@example.org",
                                               "role": "team_leader", "team": team.pk}, follow=True)
    karen.refresh_from_db()
    assert karen.role == "team_leader" and "Team leader" in r.content.decode()
    r = c.post(f"/konto/brugere/{karen.pk}/deaktiver/", follow=True)
    karen.refresh_from_db()
    assert not karen.is_active and "can no longer log in" in r.content.decode()
    karen = services.user_set_active(actor=admin, user=karen, active=True)
    karen.set_password("karens-syntetiske-kode")
    karen.save(update_fields=["password"])
    services.user_set_active(actor=admin, user=karen, active=False)
    assert not can_log_in("karen", "karens-syntetiske-kode")

    # the administrator cannot remove the municipality's last administrator (here: themselves, demoted)
    r = c.post(f"/konto/brugere/{admin.pk}/", {"full_name": admin.full_name, "email": "a@example.org",
                                               "role": "manager", "team": ""})
    assert "last active administrator" in r.content.decode()
    admin.refresh_from_db()
    assert admin.role == "administrator"
    assert actions(karen) == ["accounts.user.created", "accounts.password.link_issued", "accounts.user.changed",
                              "accounts.user.deactivated", "accounts.user.reactivated", "accounts.user.deactivated"]


def test_administrators_manage_only_their_own_municipality(login, municipality, other_municipality, users):
    from tests.conftest import make_user

    foreign = make_user(other_municipality, "caseworker", "foreign")
    c = login(users["administrator"])
    assert c.post(f"/konto/brugere/{foreign.pk}/deaktiver/").status_code == 404
    assert c.get(f"/konto/brugere/{foreign.pk}/").status_code == 404
    foreign.refresh_from_db()
    assert foreign.is_active
    assert login(users["manager"]).get("/konto/brugere/ny/").status_code == 403


def test_users_change_their_own_password(login, users):
    user = users["caseworker"]
    c = login(user)
    r = c.post("/konto/adgangskode/", {"old_password": "pw", "new_password1": "en-ny-syntetisk-kode",
                                       "new_password2": "en-ny-syntetisk-kode"})
    assert r.status_code == 302
    assert c.get("/").status_code in (200, 302)  # still logged in
    assert can_log_in(user.username, "en-ny-syntetisk-kode")
    assert actions(user) == ["accounts.password.changed"]


def test_lifting_a_lockout_is_audit_logged(login, users):
    from axes.models import AccessAttempt

    from forebyg.core import clock

    caseworker = users["caseworker"]
    AccessAttempt.objects.create(username=caseworker.username, failures_since_start=5, attempt_time=clock.now(),
                                 ip_address="192.0.2.1", user_agent="test", get_data="", post_data="",
                                 http_accept="", path_info="/login/")
    login(users["administrator"]).post(f"/konto/brugere/{caseworker.pk}/laas-op/")
    assert not AccessAttempt.objects.filter(username=caseworker.username).exists()
    assert actions(caseworker) == ["accounts.lockout.lifted"]
