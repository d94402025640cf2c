# SPDX-License-Identifier: MPL-2.0
"""The audit logs are append-only in the ORM and in the database itself, and never hold a CPR
number or free text - tested with real flows, not only with redact()."""

import json
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django_scopes import scope

from forebyg.audit.db import triggers_present
from forebyg.audit.models import AccessLog, AppendOnlyError, LogEntry
from forebyg.audit.services import redact
from forebyg.cases.services import practice

pytestmark = pytest.mark.django_db

FREE_TEXTS = ["Skolen er bekymret for Sofie", "Mor og far Jensen", "Barnet fortalte om skænderier",
              "Mormor Syntetisk", "Familien har brug for støtte", "Jeg vil gå i skole", "Mål nået for Sofie",
              "Anne Syntetisk"]


@pytest.fixture
def entries(users, child, team, municipality):
    with scope(municipality=[municipality.code]):
        now = practice.clock.now()
        n = practice.notification_register(
            actor=users["receiving_unit"], received_at=now - timedelta(days=20), channel="email",
            notifier_kind="school", notifier_professional=True, concern=FREE_TEXTS[0], children=[child],
            notifier_name="Lærer Hansen 640315-4179", team=team)
        practice.acute_assessment_record(actor=users["receiving_unit"], notification=n,
                                         assessed_at=now - timedelta(days=19), acute=False, action=FREE_TEXTS[4])
        practice.counselling_start(actor=users["caseworker"], child=child, started_at=now - timedelta(days=18),
                                   consent_at=now - timedelta(days=18), consent_by=FREE_TEXTS[1], referred_by="school",
                                   note="640315-4179")
        practice.child_conversation_record(actor=users["caseworker"], child=child, held_at=now - timedelta(days=17),
                                           purpose=FREE_TEXTS[2], note=FREE_TEXTS[2])
        practice.network_person_record(actor=users["caseworker"], child=child, name=FREE_TEXTS[3], relation="mormor",
                                       resource=True, note=None)
        ms = practice.measure_decide(actor=users["caseworker"], child=child, kind="bl_family_treatment",
                                     decided_at=now - timedelta(days=16), purpose=FREE_TEXTS[4])
        practice.plan_make(actor=users["caseworker"], child=child, kind="barnets_plan", made_at=now - timedelta(days=15),
                           summary=FREE_TEXTS[4], goals=[{"life_area": "school", "text": FREE_TEXTS[5],
                                                          "target_date": date(2027, 1, 1)}])
        practice.measure_start(actor=users["caseworker"], measure=ms, started_at=now - timedelta(days=14))
        practice.measure_end(actor=users["caseworker"], measure=ms, ended_at=now - timedelta(days=1),
                             end_reason=FREE_TEXTS[6])
    return n


def test_no_cpr_and_no_free_text_in_the_logs_after_real_flows(client, users, child, entries):
    client.force_login(users["caseworker"])
    assert client.get(f"/boern/{child.pk}/").status_code == 200
    assert client.post(f"/sikkerhed/boern/{child.pk}/cpr/", {
        "reason_kind": "other", "reason_text": "Brev til Anne Syntetisk om 640315-4179"}).status_code == 200
    logs = [json.dumps(e.payload, ensure_ascii=False) + e.reason for e in LogEntry.objects.all()]
    logs += [f"{a.view} {a.reason}" for a in AccessLog.objects.all()]
    assert len(logs) > 10
    text = "\n".join(logs)
    for needle in ["6403154179", "640315-4179", "640315", "Testbarn Syntetisk", *FREE_TEXTS[:3], *FREE_TEXTS[4:7]]:
        assert needle not in text, f"{needle!r} is in the audit log"


def test_redact_is_recursive_and_cuts_long_values():
    out = redact({"cpr": "640315-4179", "nested": {"name": "Anna", "id": "x"}, "list": [{"note": "hemmeligt"}, 3],
                  "ref": "sag 640315 4179", "blob": "x" * 500, "children": ["a", "b"]})
    assert out["cpr"] == "[redacted]" and out["nested"] == {"name": "[redacted]", "id": "x"}
    assert out["list"] == [{"note": "[redacted]"}, 3] and out["ref"] == "sag [cpr]"
    assert len(out["blob"]) <= 201 and out["children"] == ["a", "b"]


def test_change_log_records_where_from(client, users, municipality):
    client.force_login(users["receiving_unit"])
    r = client.post("/boern/ny/", {"name": "Ny Syntetisk", "birth_date": "2016-02-02", "cpr": ""},
                    REMOTE_ADDR="10.1.2.3")
    assert r.status_code == 302
    entry = LogEntry.objects.get(action_type="cases.child.registered")
    assert entry.ip == "10.1.2.3" and entry.actor == users["receiving_unit"]
    client.get(r["Location"], REMOTE_ADDR="10.1.2.4")
    assert AccessLog.objects.latest("id").ip == "10.1.2.4"


def test_forwarded_for_is_used_only_behind_trusted_proxies(client, users, child, settings):
    client.force_login(users["receiving_unit"])
    client.get(f"/boern/{child.pk}/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert AccessLog.objects.latest("id").ip == "10.0.0.1", "a client-supplied header is not trusted by default"
    settings.FOREBYG_PROXY_COUNT = 1
    client.get(f"/boern/{child.pk}/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.7")
    assert AccessLog.objects.latest("id").ip == "192.0.2.7", "the address the trusted proxy saw"


def test_orm_refuses_changes(users, child):
    entry = LogEntry.objects.latest("id")
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


@pytest.mark.parametrize("table", ["audit_logentry", "audit_accesslog"])
def test_database_refuses_update_and_delete_even_in_raw_sql(client, users, child, table):
    client.force_login(users["receiving_unit"])
    client.get(f"/boern/{child.pk}/")  # at least one read
    assert triggers_present()
    with connection.cursor() as cur:
        cur.execute(f"SELECT COUNT(*) FROM {table}")
        before = cur.fetchone()[0]
    assert before > 0
    for sql in (f"UPDATE {table} SET at = at", f"DELETE FROM {table}"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cur:
            cur.execute(sql)
    with pytest.raises(DatabaseError), transaction.atomic():
        LogEntry.objects.all().update(action_type="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLog.objects.all().delete()
    with connection.cursor() as cur:
        cur.execute(f"SELECT COUNT(*) FROM {table}")
        assert cur.fetchone()[0] == before


def test_triggers_come_back_after_migrate(db):
    from forebyg.audit.db import drop_triggers

    drop_triggers()
    assert not triggers_present()
    call_command("migrate", verbosity=0)
    assert triggers_present()
