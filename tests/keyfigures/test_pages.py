# SPDX-License-Identifier: MPL-2.0
"""The key-figure pages on the database: cached figures, dashboard, chart, drill-down (access-logged,
not for analysts), exports, recomputation, the catalogue, population data."""

import io

import pytest
from django.test import Client

from forebyg.audit.models import AccessLog, LogEntry
from forebyg.keyfigures.models import Population, Value

Q = "?period=2024&baseline=2023"


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


def value(indicator, period="2024", unit_kind="municipality", unit="657"):
    return Value.objects.get(indicator=indicator, period=period, unit_kind=unit_kind, unit=unit,
                             result__granularity="year")


def test_refresh_caches_the_hand_computed_figures_for_every_unit(small):
    assert value("notifications.acute_24h").value == 50.0
    assert value("notifications.acute_24h", unit_kind="team", unit="kf-T1").value == 100.0
    assert value("notifications.per_1000", unit_kind="district", unit="kf-D1").value == 10.0
    assert value("economy.spending_per_child").value == pytest.approx(1406.58)
    from forebyg.keyfigures.services import keyfigures_refresh

    from .conftest import AS_OF

    keyfigures_refresh(municipality_id=657, as_of=AS_OF, granularities=["month"], draw=False)
    assert Value.objects.get(indicator="notifications.per_1000", period="2024-03", unit_kind="municipality",
                             result__granularity="month").numerator == 2  # n2: c2 and c3
    assert LogEntry.objects.filter(action_type="keyfigures.figures.recomputed").exists()


def test_dashboard_for_managers_analysts_and_team_leaders(small, users):
    page = client_for(users["manager"]).get("/noegletal/" + Q)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Share of notifications acute-assessed within 24 hours" in text and "50.0 %" in text
    assert "/noegletal/graf/notifications.acute_24h.svg" in text
    assert "The children behind the figure" in text
    analyst = client_for(users["analyst"]).get("/noegletal/" + Q).content.decode()
    assert "50.0 %" in analyst and "The children behind the figure" not in analyst
    assert client_for(users["caseworker"]).get("/noegletal/").status_code == 403


def test_a_team_leader_starts_on_the_own_team(small, users):
    from forebyg.accounts.models import User

    leader = User.objects.create_user(username="kfleader", password="pw", role="team_leader",
                                      municipality=small, team_id="kf-T1")
    text = client_for(leader).get("/noegletal/" + Q).content.decode()
    assert "Team: Team Syd" in text and "100.0 %" in text  # acute assessment in team T1


def test_chart_is_a_same_origin_svg(small, users):
    r = client_for(users["manager"]).get("/noegletal/graf/notifications.acute_24h.svg" + Q)
    assert r.status_code == 200 and r["Content-Type"].startswith("image/svg+xml")
    assert r.content.startswith(b"<svg") and b"<script" not in r.content


def test_drilldown_lists_the_children_and_logs_each_read(small, users):
    before = AccessLog.objects.count()
    r = client_for(users["manager"]).get("/noegletal/boern/notifications.acute_24h/" + Q)
    text = r.content.decode()
    assert r.status_code == 200
    # Due in 2024: n1, n3 (c1, on time), n2 (c2, c3, late), n4 (c4, overdue).
    for name in ("Testbarn 1 Syntetisk", "Testbarn 2 Syntetisk", "Testbarn 3 Syntetisk", "Testbarn 4 Syntetisk"):
        assert name in text
    assert "Testbarn 5 Syntetisk" not in text
    assert text.index("Testbarn 2") < text.index("Testbarn 1")  # those that missed first
    logged = AccessLog.objects.filter(view="keyfigures.drilldown", user=users["manager"])
    assert AccessLog.objects.count() - before == logged.count() == 4
    assert set(logged.values_list("child_id", flat=True)) == {"kf-c1", "kf-c2", "kf-c3", "kf-c4"}


def test_analysts_get_no_drilldown(small, users):
    assert client_for(users["analyst"]).get("/noegletal/boern/notifications.acute_24h/" + Q).status_code == 403
    assert not AccessLog.objects.filter(view="keyfigures.drilldown").exists()


def test_a_team_leader_sees_only_children_in_the_own_caseload(small, users):
    from forebyg.accounts.models import User

    leader = User.objects.create_user(username="kfleader2", password="pw", role="team_leader",
                                      municipality=small, team_id="kf-T2")
    text = client_for(leader).get("/noegletal/boern/staircase.children_step_6/" + Q + "&unit=municipality").content.decode()
    # c8 (step 6) is in team T1's case: counted, but not named for a T2 team leader.
    assert "Testbarn 8 Syntetisk" not in text and "A child outside your caseload" in text
    assert not AccessLog.objects.filter(user=leader).exists()


def test_exports_csv_excel_and_pdf(small, users):
    c = client_for(users["analyst"])
    csv_text = c.get("/noegletal/eksport.csv" + Q).content.decode()
    assert csv_text.startswith("indicator,name,unit_of_measure,unit_kind,unit,period,value")
    assert "notifications.acute_24h,Share of notifications acute-assessed within 24 hours,%,municipality,657,2024,50.0" in csv_text
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(c.get("/noegletal/eksport.xlsx" + Q).content))
    assert len(wb.sheetnames) == 3 and wb[wb.sheetnames[2]].max_row > 36
    pdf = c.get("/noegletal/rapport.pdf" + Q)
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF") or b"print this page" in pdf.content


def test_the_report_falls_back_to_printable_html_when_weasyprint_cannot_render(small, users, monkeypatch):
    from forebyg.keyfigures import reports

    monkeypatch.setattr(reports, "pdf_bytes", lambda html, base_url=None: None)
    r = client_for(users["manager"]).get("/noegletal/rapport.pdf" + Q)
    assert r.status_code == 200 and r["Content-Type"].startswith("text/html")
    assert "The PDF could not be made on this server" in r.content.decode()
    # The charts are data: images; the page's own security policy must let them be shown.
    assert 'src="data:image/svg+xml;base64,' in r.content.decode()
    img_src = [d for d in r["Content-Security-Policy"].split(";") if d.strip().startswith("img-src")]
    assert img_src and "data:" in img_src[0].split()


def test_recompute_is_logged_and_keeps_the_user_on_the_page(small, users):
    c = client_for(users["manager"])
    r = c.post("/noegletal/genberegn/", {"next": "/noegletal/?g=quarter"})
    assert r.status_code == 302 and r["Location"] == "/noegletal/?g=quarter"
    assert LogEntry.objects.filter(action_type="keyfigures.figures.recomputed", actor=users["manager"]).exists()
    r = c.post("/noegletal/genberegn/", {"next": "https://evil.example/"})
    assert r["Location"] == "/noegletal/"
    assert client_for(users["team_leader"]).post("/noegletal/genberegn/").status_code == 403


def test_catalogue_page_shows_every_indicator(small, users):
    from forebyg.domain.keyfigures.catalogue import INDICATORS

    text = client_for(users["analyst"]).get("/noegletal/katalog/").content.decode()
    assert all(f'id="{i.id}"' in text for i in INDICATORS)


def test_population_from_a_dst_file_through_the_cli(db, municipality, tmp_path, capsys):
    from forebyg.cli import main

    path = tmp_path / "folk1a.csv"
    path.write_text("OMRÅDE;KØN;ALDER;CIVILSTAND;TID;INDHOLD\n"
                    + "".join(f"Herning;I alt;{a} år;I alt;2025K1;1000\n" for a in range(18)), encoding="utf-8")
    assert main(["keyfigures", "population", str(path)]) == 0
    assert Population.objects.get(municipality=municipality, district="", year=2025).children == 18000
    bad = tmp_path / "bad.csv"
    bad.write_text("kommune;aar\n", encoding="utf-8")
    assert main(["keyfigures", "population", str(bad)]) == 2
    assert "Nothing was loaded" in capsys.readouterr().err
