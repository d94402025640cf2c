# SPDX-License-Identifier: MPL-2.0
"""Secretariat pages: who may see them, that they render, bad input, attendance export."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from forebyg.network import models as m
from forebyg.network.services import calls as c
from forebyg.network.services import registrations as r
from forebyg.network.services import structure as s
from forebyg.network.services import tasks as t

from .conftest import T0


@pytest.fixture
def everything(network, people, event, secretariat):
    """One of each object, so every secretariat page has something to show."""
    r.registration_register(participant=people["anna"], event=event)
    r.registration_register(participant=people["carl"], event=event)
    call = c.call_create(actor=secretariat, network=network, title="Opslag", text="x", publish=True,
                         deadline=T0.replace(month=4))
    app = c.application_submit(call=call, municipality=people["anna"].municipality.__class__.objects.get(name="Odense"),
                               contact_name="A", contact_email="a@odense.kommune.example", motivation="m" * 120,
                               persons=[{"name": "A", "title": "", "email": "a@odense.kommune.example"}])
    task = t.task_create(actor=secretariat, network=network, title="Hjem og arbejde", due_on=date(2026, 5, 1))
    t.handin_submit(task=task, municipality=people["anna"].municipality, text="Status", participant=people["anna"])
    return {"call": call, "app": app, "task": task, "event": event, "network": network,
            "group": network.east, "membership": network.memberships.first(), "participant": people["anna"]}


def pages(x):
    n = x["network"].pk
    return [
        "/netvaerk/", "/netvaerk/ny/", f"/netvaerk/{n}/", f"/netvaerk/{n}/rediger/", f"/netvaerk/{n}/medlemmer/",
        f"/netvaerk/{n}/medlemmer/ny/", f"/netvaerk/{n}/grupper/ny/", f"/netvaerk/{n}/deltagere/",
        f"/netvaerk/{n}/deltagere/ny/", f"/netvaerk/{n}/opslag/ny/", f"/netvaerk/{n}/begivenheder/ny/",
        f"/netvaerk/{n}/opgaver/ny/", f"/netvaerk/{n}/deltagelse/", f"/netvaerk/{n}/deltagelse/eksport.csv",
        f"/netvaerk/{n}/deltagelse/eksport.xlsx", f"/netvaerk/grupper/{x['group'].pk}/",
        f"/netvaerk/medlemskaber/{x['membership'].pk}/afslut/", f"/netvaerk/opslag/{x['call'].pk}/",
        f"/netvaerk/ansoegninger/{x['app'].pk}/", f"/netvaerk/begivenheder/{x['event'].pk}/",
        f"/netvaerk/begivenheder/{x['event'].pk}/rediger/", f"/netvaerk/begivenheder/{x['event'].pk}/flyt/",
        f"/netvaerk/begivenheder/{x['event'].pk}/aflys/", f"/netvaerk/begivenheder/{x['event'].pk}/materiale/ny/",
        f"/netvaerk/opgaver/{x['task'].pk}/", f"/netvaerk/opgaver/{x['task'].pk}/aflevering/",
    ]


def test_secretariat_sees_every_page(client, secretariat, everything):
    client.force_login(secretariat)
    for url in pages(everything):
        assert client.get(url).status_code == 200, url


def test_caseworker_gets_403_and_anonymous_goes_to_login(client, users, everything):
    client.force_login(users["caseworker"])
    for url in pages(everything):
        assert client.get(url).status_code == 403, url
    resp = client.post(f"/netvaerk/begivenheder/{everything['event'].pk}/aflys/", {"reason": "x"})
    assert resp.status_code == 403
    assert not m.Event.objects.filter(status="cancelled").exists()
    client.logout()
    resp = client.get("/netvaerk/")
    assert resp.status_code == 302 and "/login/" in resp["Location"]


def test_administrator_may_manage(client, users, everything):
    client.force_login(users["administrator"])
    assert client.get("/netvaerk/").status_code == 200


def test_nav_entry_for_secretariat(client, secretariat, everything):
    client.force_login(secretariat)
    body = client.get("/netvaerk/").content.decode()
    assert 'href="/netvaerk/"' in body


def test_create_network_and_bad_input(client, secretariat):
    client.force_login(secretariat)
    resp = client.post("/netvaerk/ny/", {"name": "Nyt", "kind": "leader", "starts_on": "2026-06-01",
                                         "ends_on": "2026-01-01"})
    assert resp.status_code == 200 and "The end cannot be before the start." in resp.content.decode()
    assert not m.Network.objects.exists()
    resp = client.post("/netvaerk/ny/", {"name": "Nyt", "kind": "leader", "starts_on": "2026-01-01",
                                         "max_participants_per_municipality": "3"})
    net = m.Network.objects.get()
    assert resp.status_code == 302 and resp["Location"] == f"/netvaerk/{net.pk}/"
    assert net.max_participants_per_municipality == 3 and net.created_by == secretariat


def test_add_participant_over_cap_shows_form_error(client, secretariat, network, people, mun):
    client.force_login(secretariat)
    resp = client.post(f"/netvaerk/{network.pk}/deltagere/ny/", {
        "municipality": mun["København"].pk, "name": "Nummer Tre", "email": "tre@kobenhavn.kommune.example"})
    assert resp.status_code == 200 and "per municipality" in resp.content.decode()
    assert network.participants.count() == 3


def test_decline_without_reason_is_a_form_error(client, secretariat, everything):
    client.force_login(secretariat)
    url = f"/netvaerk/ansoegninger/{everything['app'].pk}/"
    resp = client.post(url, {"decision": "decline", "reason": "", "role": "reference"})
    assert resp.status_code == 200 and "Give a reason" in resp.content.decode()
    everything["app"].refresh_from_db()
    assert everything["app"].status == "submitted"
    resp = client.post(url, {"decision": "accept", "reason": "", "role": "reference",
                             "group": everything["network"].east.pk})
    assert resp.status_code == 302
    assert m.Membership.objects.filter(municipality__name="Odense", group=everything["network"].east).exists()


def test_event_cancel_through_page(client, secretariat, everything, commit):
    from django.core import mail

    client.force_login(secretariat)
    mail.outbox.clear()
    with commit():
        resp = client.post(f"/netvaerk/begivenheder/{everything['event'].pk}/aflys/", {"reason": "Valg"})
    assert resp.status_code == 302
    assert len(mail.outbox) == 2


def test_attendance_export_csv_and_xlsx(client, secretariat, everything, network, people):
    s.participant_add(actor=secretariat, network=network, municipality=people["carl"].municipality,
                      name="=HYPERLINK(\"http://x\")", email="evil@herning.kommune.example")
    r.registration_register(participant=network.participants.get(email="evil@herning.kommune.example"),
                            event=everything["event"])
    client.force_login(secretariat)
    resp = client.get(f"/netvaerk/{network.pk}/deltagelse/eksport.csv?event={everything['event'].pk}")
    assert resp["Content-Type"].startswith("text/csv")
    text = resp.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("Event,Date,Group,Municipality,Name")
    assert any("Anna Testesen" in line and "Klynge Øst" in line and "København" in line for line in lines)
    assert "'=HYPERLINK" in text  # never a live formula
    resp = client.get(f"/netvaerk/{network.pk}/deltagelse/eksport.xlsx?municipality={people['anna'].municipality.pk}")
    ws = load_workbook(io.BytesIO(resp.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:4] == ("Event", "Date", "Group", "Municipality") and len(rows) == 2
    assert rows[1][4] == "Anna Testesen"
    assert client.get(f"/netvaerk/{network.pk}/deltagelse/eksport.pdf").status_code == 404


def test_attendance_page_per_group(client, secretariat, everything, network):
    client.force_login(secretariat)
    body = client.get(f"/netvaerk/{network.pk}/deltagelse/?group={network.west.pk}").content.decode()
    assert "Carl Eksempel" in body and "Anna Testesen" not in body


def test_participant_hands_in_through_link(client, everything, people, token_for):
    task = everything["task"]
    token = token_for(people["carl"])
    resp = client.post(f"/netvaerk/p/{token}/opgave/{task.pk}/", {f"task{task.pk}-text": "Herning status"})
    assert resp.status_code == 302
    h = m.HandIn.objects.get(task=task, municipality=people["carl"].municipality)
    assert h.text == "Herning status" and h.participant == people["carl"]
    resp = client.post(f"/netvaerk/p/{token}/opgave/{task.pk}/", {f"task{task.pk}-text": ""}, follow=True)
    assert "Write something or attach a file." in resp.content.decode()


def test_members_page_shows_each_membership_with_its_participants_and_whether_it_is_valid_today(
        client, secretariat, network, people):
    herning = network.memberships.get(municipality__name="Herning")
    s.membership_end(actor=secretariat, membership=herning, valid_to=date(2026, 1, 31))  # before T0
    client.force_login(secretariat)
    html = client.get(f"/netvaerk/{network.pk}/medlemmer/").content.decode()
    rows = {name: html.split(f'<th scope="row">{name}</th>')[1].split("</tr>")[0] for name in ("København", "Herning")}
    assert "<td>2 / 2</td>" in rows["København"] and "(not now)" not in rows["København"]
    assert "<td>1 / 2</td>" in rows["Herning"] and "(not now)" in rows["Herning"]
