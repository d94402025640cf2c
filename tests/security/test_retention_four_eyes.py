# SPDX-License-Identifier: MPL-2.0
"""Four eyes on retention (#13, finding 5): one administrator alone could change the rules to
"1 year, delete", make the list and approve it. Now a rule change waits for a second
administrator, the maker of a list cannot approve it, a large list needs its number of items typed
in, the command line obeys the same rules, and every step is in the change log."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_scopes import scopes_disabled

from forebyg.audit.models import LogEntry
from forebyg.cases import models as m
from forebyg.security import retention as ret
from forebyg.security.models import RetentionRule, RetentionRun
from tests.conftest import make_user
from tests.security.test_retention import AS_OF, old  # noqa: F401  (the fixture: records from 2012)

pytestmark = pytest.mark.django_db
DELETE_AFTER_ONE_YEAR = {"kind": "child_inactive", "child_inactive-years": "1", "child_inactive-action": "delete",
                         "child_inactive-enabled": "on"}


@pytest.fixture
def second_admin(municipality, team):
    return make_user(municipality, "administrator", "admin2", team)


def _children_left(old):  # noqa: F811
    with scopes_disabled():
        return m.Child.objects.filter(pk__in=[old[k].pk for k in "abc"], name__startswith="Gammel").count()


def _rule(municipality):
    with scopes_disabled():
        return ret.rules_for(municipality.code)["child_inactive"]


def _latest_run():
    with scopes_disabled():
        return RetentionRun.objects.order_by("-id").first()


def test_one_administrator_alone_cannot_delete(old, users, municipality, login, now):  # noqa: F811
    """The probe's attack, on the pages: change the rule, make the list, approve it."""
    now.set(now.value.replace(year=AS_OF.year, month=AS_OF.month, day=AS_OF.day))
    admin = login(users["administrator"])
    assert admin.post("/sikkerhed/sletning/", DELETE_AFTER_ONE_YEAR).status_code in (200, 302)
    assert admin.post("/sikkerhed/sletning/ny-liste/").status_code == 302
    run = _latest_run()
    admin.post(f"/sikkerhed/sletning/{run.pk}/godkend/", {"confirmation": str(len(run.items))})
    with scopes_disabled():
        assert not RetentionRule.objects.filter(action="delete").exists(), "the rule changed without a second admin"
    assert _children_left(old) == 3, "one administrator deleted or anonymised children alone"
    run.refresh_from_db()
    assert run.approved_at is None


def test_rule_change_waits_for_a_second_administrator(old, users, municipality, login, second_admin):  # noqa: F811
    admin = login(users["administrator"])
    assert admin.post("/sikkerhed/sletning/", DELETE_AFTER_ONE_YEAR).status_code == 302
    page = admin.get("/sikkerhed/sletning/").content.decode()
    assert "Proposed change" in page and "awaits confirmation by another administrator" in page
    assert _rule(municipality).years == 10, "the old rule stays in force"
    change = LogEntry.objects.get(action_type="security.retention.rule_proposed")
    pk = change.object_id
    # The proposer cannot confirm their own change.
    r = admin.post("/sikkerhed/sletning/regel/child_inactive/", {"change": pk, "decision": "confirm"}, follow=True)
    assert "another administrator must confirm it" in r.content.decode()
    assert _rule(municipality).years == 10
    # A manager cannot confirm either (only administrators configure).
    assert login(users["manager"]).post("/sikkerhed/sletning/regel/child_inactive/",
                                        {"change": pk, "decision": "confirm"}).status_code == 403
    # The second administrator sees the proposal and confirms it.
    other = login(second_admin)
    page = other.get("/sikkerhed/sletning/").content.decode()
    assert "Confirm the change" in page
    assert other.post("/sikkerhed/sletning/regel/child_inactive/",
                      {"change": pk, "decision": "confirm"}).status_code == 302
    rule = _rule(municipality)
    assert (rule.years, rule.action) == (1, "delete")
    changed = LogEntry.objects.get(action_type="security.retention.rule_changed")
    assert changed.actor == second_admin and changed.payload["proposed_by"] == users["administrator"].pk


def test_a_rejected_or_withdrawn_change_never_takes_effect(old, users, municipality, login, second_admin):  # noqa: F811
    admin, other = login(users["administrator"]), login(second_admin)
    admin.post("/sikkerhed/sletning/", DELETE_AFTER_ONE_YEAR)
    pk = LogEntry.objects.get(action_type="security.retention.rule_proposed").object_id
    assert other.post("/sikkerhed/sletning/regel/child_inactive/", {"change": pk, "decision": "reject"}).status_code == 302
    assert other.post("/sikkerhed/sletning/regel/child_inactive/",
                      {"change": pk, "decision": "confirm"}).status_code == 404, "decided: nothing pending"
    admin.post("/sikkerhed/sletning/", DELETE_AFTER_ONE_YEAR)
    pk2 = LogEntry.objects.filter(action_type="security.retention.rule_proposed").latest("id").object_id
    admin.post("/sikkerhed/sletning/regel/child_inactive/", {"change": pk2, "decision": "reject"})  # withdraw
    assert other.post("/sikkerhed/sletning/regel/child_inactive/",
                      {"change": pk2, "decision": "confirm"}).status_code == 404
    assert _rule(municipality).years == 10
    states = [e.payload["state"] for e in LogEntry.objects.filter(action_type="security.retention.rule_rejected")
              .order_by("id")]
    assert states == ["rejected", "withdrawn"]


def test_the_maker_of_a_list_cannot_approve_it(old, users, municipality, login, second_admin):  # noqa: F811
    admin = login(users["administrator"])
    with scopes_disabled():
        run = ret.retention_list(municipality_id=municipality.code, as_of=AS_OF, actor=users["administrator"])
    page = admin.get("/sikkerhed/sletning/").content.decode()
    assert "You made this list: another administrator or manager must approve it." in page
    assert f"/sikkerhed/sletning/{run.pk}/godkend/" not in page
    r = admin.post(f"/sikkerhed/sletning/{run.pk}/godkend/", follow=True)
    assert "another administrator or manager must approve it" in r.content.decode()
    assert _children_left(old) == 3
    assert login(second_admin).post(f"/sikkerhed/sletning/{run.pk}/godkend/").status_code == 302
    run.refresh_from_db()
    assert run.approved_by == second_admin and _children_left(old) == 0
    approved = LogEntry.objects.get(action_type="security.retention.approved")
    assert approved.actor == second_admin and approved.payload["listed_by"] == users["administrator"].pk


def test_a_large_list_needs_its_number_typed(old, users, municipality, login, settings):  # noqa: F811
    settings.FOREBYG_RETENTION_CONFIRM_ABOVE = 2
    [run] = ret.retention_run(as_of=AS_OF, municipality=municipality.code)
    n = len(run.items)
    assert n > 2
    manager = login(users["manager"])
    page = manager.get("/sikkerhed/sletning/").content.decode()
    assert f"The list has {n} items (more than 2). To confirm, type the number of items:" in page
    for typed in (None, "", str(n - 1), "alle"):
        r = manager.post(f"/sikkerhed/sletning/{run.pk}/godkend/", {} if typed is None else {"confirmation": typed},
                         follow=True)
        assert f"This list has {n} items: type the number of items to confirm." in r.content.decode()
    assert _children_left(old) == 3 and not LogEntry.objects.filter(action_type="security.retention.approved")
    assert manager.post(f"/sikkerhed/sletning/{run.pk}/godkend/", {"confirmation": f" {n} "}).status_code == 302
    assert _children_left(old) == 0
    assert LogEntry.objects.get(action_type="security.retention.approved").payload["typed_confirmation"] is True


def test_command_line_obeys_the_same_rules(old, users, municipality, settings, capsys):  # noqa: F811
    with pytest.raises(CommandError, match="--approve is no longer possible"):
        call_command("retention", "--approve", "--as-of", AS_OF.isoformat())
    call_command("retention", "--as-of", AS_OF.isoformat(), "--municipality", str(municipality.code),
                 "--approved-by", users["administrator"].username)  # listed by the administrator
    run = _latest_run()
    assert run.listed_by == users["administrator"]
    with pytest.raises(CommandError, match="--approved-by"):
        call_command("retention", "--apply", str(run.pk))
    with pytest.raises(CommandError, match="another administrator or manager must approve it"):
        call_command("retention", "--apply", str(run.pk), "--approved-by", users["administrator"].username)
    with pytest.raises(CommandError, match="named administrator or manager"):
        call_command("retention", "--apply", str(run.pk), "--approved-by", users["analyst"].username)
    settings.FOREBYG_RETENTION_CONFIRM_ABOVE = 2
    n = len(run.items)
    with pytest.raises(CommandError, match=f"Add --confirm {n}"):
        call_command("retention", "--apply", str(run.pk), "--approved-by", users["manager"].username)
    assert _children_left(old) == 3
    call_command("retention", "--apply", str(run.pk), "--approved-by", users["manager"].username, "--confirm", str(n))
    assert _children_left(old) == 0
