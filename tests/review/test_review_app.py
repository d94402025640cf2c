# SPDX-License-Identifier: MPL-2.0
"""The case review in the database: running and storing a review (the same counts as the domain
core on the same data), samples with a recorded seed, overrides beside the machine finding, tasks,
permissions, access logging, and the HTML, PDF and JSON report."""

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django_scopes import scope, scopes_disabled

from forebyg.accounts.models import User
from forebyg.audit.models import AccessLog, LogEntry
from forebyg.domain.review import Criteria, Period
from forebyg.review import selectors as sel
from forebyg.review import services
from forebyg.review.models import Finding, FindingOverride, Review, ReviewTask
from tests.domain.test_review_known_set import EXPECTED

PERIOD = Criteria(Period(date(2023, 1, 1), date(2023, 12, 31)))


def run(users, as_of, **kw):
    with scope(municipality=[657]):
        return services.review_run(actor=users["team_leader"], title="Sagsgennemgang 2023", criteria=PERIOD,
                                   as_of=as_of, **kw)


def report_counts(review):
    with scope(municipality=[657]):
        report, _about = sel.report_for(review, language="da")
    return {p.point_id: (p.met, p.not_met, p.not_applicable) for t in report.themes for p in t.points}, report


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


def test_a_stored_review_counts_like_the_domain_core(known_db, users, as_of):
    review = run(users, as_of)
    counts, report = report_counts(review)
    assert counts == EXPECTED
    assert (review.population_size, review.case_count, review.seed) == (16, 16, None)
    assert review.ruleset["version"] == 1 and review.criteria["period"]["start"] == "2023-01-01"
    assert "I 13 af 16 sager fremgår det ikke af sagens akter" in " ".join(report.themes[0].development)
    with scopes_disabled():
        assert Finding.objects.filter(review=review).count() == 16 * 16
        f = Finding.objects.get(review=review, review_case__child_id="k01", point_id="notification.acute_assessment")
        assert f.items[0]["evidence"][0]["record_type"] == "notification"
        logged = set(AccessLog.objects.filter(view="review.run").values_list("child_id", flat=True))
        assert logged == {f"k{i:02d}" for i in range(1, 17)}
        assert LogEntry.objects.filter(action_type="review.review.run", object_id=review.pk).exists()


def test_a_sample_records_its_seed_and_repeats(known_db, users, as_of):
    a = run(users, as_of, sample_size=5)
    assert a.seed is not None and a.sample["seed"] == a.seed and a.case_count == 5
    b = run(users, as_of, sample_size=5, seed=a.seed)
    with scopes_disabled():
        keys = lambda r: list(r.cases.order_by("position").values_list("child_id", flat=True))  # noqa: E731
        assert keys(a) == keys(b)
    c = run(users, as_of, sample_size=8, seed=a.seed, stratify_by=("measure_kind",))
    assert c.case_count == 8 and c.sample["stratify_by"] == ["measure_kind"]


def test_nothing_is_stored_without_cases(known_db, users, as_of):
    with pytest.raises(ValidationError):
        with scope(municipality=[657]):
            services.review_run(actor=users["team_leader"], title="Tom", as_of=as_of,
                                criteria=Criteria(Period(date(2019, 1, 1), date(2019, 12, 31)), include_ongoing=False))
    with scopes_disabled():
        assert not Review.objects.exists()


def test_override_keeps_the_machine_finding(known_db, users, as_of):
    review = run(users, as_of)
    with scope(municipality=[657]):
        f = Finding.objects.get(review=review, review_case__child_id="k01", point_id="involvement.private_network")
        with pytest.raises(ValidationError):
            services.finding_override(actor=users["team_leader"], finding=f, outcome="met", reason="kort")
        services.finding_override(actor=users["team_leader"], finding=f, outcome="met",
                                  reason="Mormor er inddraget telefonisk, jf. journalnotat.")
        f.refresh_from_db()
        assert (f.outcome, f.effective_outcome) == ("not_met", "met")
        counts, report = report_counts(review)
        assert counts["involvement.private_network"] == (11, 5, 0) and report.overridden == 1
        services.finding_override(actor=users["manager"], finding=Finding.objects.get(pk=f.pk), outcome="not_met",
                                  reason="Netværket er ikke afdækket skriftligt.")
        assert report_counts(review)[0]["involvement.private_network"] == (10, 6, 0)
    with scopes_disabled():
        assert FindingOverride.objects.filter(finding=f).count() == 2
        entry = LogEntry.objects.filter(action_type="review.finding.overridden").first()
        assert entry.payload["machine_outcome"] == "not_met" and "Mormor" not in str(entry.payload)


def test_tasks_for_not_met_findings(known_db, users, as_of):
    review = run(users, as_of)
    with scope(municipality=[657]):
        cw = User.objects.get(username="cw-a")
        met = Finding.objects.get(review=review, review_case__child_id="k01", point_id="notification.acute_assessment")
        with pytest.raises(ValidationError):
            services.task_create(actor=users["team_leader"], finding=met, assignee=cw, description="x")
        f = Finding.objects.get(review=review, review_case__child_id="k05", point_id="notification.notifier_feedback")
        task = services.task_create(actor=users["team_leader"], finding=f, assignee=cw,
                                    description="Giv skolen besked og dokumentér det.", due_date=date(2024, 7, 1))
        with pytest.raises(ValidationError):
            services.task_create(actor=users["team_leader"], finding=f, assignee=cw, description="igen")
        assert [t.pk for t in sel.open_tasks_for(cw)] == [task.pk]
        assert sel.open_tasks_for(users["caseworker"]) == []
        services.task_complete(actor=cw, task=task, note="Skolen er orienteret 2. juli.")
        assert ReviewTask.objects.get(pk=task.pk).status == "done" and sel.open_tasks_for(cw) == []
    with scopes_disabled():
        assert LogEntry.objects.filter(action_type__in=["review.task.created", "review.task.completed"]).count() == 2


def test_pages_permissions_and_access_log(known_db, users, as_of, other_municipality):
    review = run(users, as_of)
    leader = client_for(users["team_leader"])
    r = leader.get(f"/sagsgennemgang/{review.pk}/")
    text = r.content.decode()
    assert r.status_code == 200 and "Håndtering af underretninger" in text and "I 13 af 16 sager" in text
    assert "Barn 01" not in text  # the report carries no names
    with scopes_disabled():
        before = AccessLog.objects.count()
    r = leader.get(f"/sagsgennemgang/{review.pk}/sager/?point=involvement.private_network&outcome=not_met")
    assert r.status_code == 200 and r.content.decode().count("<tr>") == 7  # header + 6 cases
    with scopes_disabled():
        assert AccessLog.objects.count() == before + 6
        case = review.cases.get(child_id="k02")
    r = leader.get(f"/sagsgennemgang/{review.pk}/sager/{case.pk}/")
    assert r.status_code == 200 and "Barn 02" in r.content.decode()
    with scopes_disabled():
        assert AccessLog.objects.filter(view="review.case", child_id="k02").count() == 1
    assert client_for(users["caseworker"]).get(f"/sagsgennemgang/{review.pk}/").status_code == 403
    assert client_for(users["caseworker"]).get("/sagsgennemgang/ny/").status_code == 403
    assert client_for(users["manager"]).get("/sagsgennemgang/").status_code == 200
    from tests.conftest import make_user

    stranger = make_user(other_municipality, "team_leader", "fremmed")
    assert client_for(stranger).get(f"/sagsgennemgang/{review.pk}/").status_code == 404


def test_override_and_task_through_the_pages(known_db, users, as_of):
    review = run(users, as_of)
    leader = client_for(users["team_leader"])
    with scopes_disabled():
        f = Finding.objects.get(review=review, review_case__child_id="k03", point_id="notification.notifier_feedback")
        other = Finding.objects.get(review=review, review_case__child_id="k06",
                                    point_id="notification.notifier_feedback")
    r = leader.post(f"/sagsgennemgang/{review.pk}/fund/{f.pk}/tilsidesaet/",
                    {f"o{f.pk}-outcome": "not_met", f"o{f.pk}-reason": "Tilbagemeldingen var mundtlig, ikke noteret."})
    assert r.status_code == 302
    r = leader.post(f"/sagsgennemgang/{review.pk}/fund/{other.pk}/opgave/",
                    {f"t{other.pk}-assignee": "cw-a", f"t{other.pk}-description": "Orientér skolen.",
                     f"t{other.pk}-due_date": "2024-07-01"})
    assert r.status_code == 302
    with scopes_disabled():
        assert FindingOverride.objects.get(finding=f).outcome == "not_met"
        task = ReviewTask.objects.get(finding=other)
        cw = User.objects.get(username="cw-a")
    caseworker = client_for(cw)
    page = caseworker.get("/mit-arbejde/").content.decode()
    assert "Orientér skolen." in page and f"/sagsgennemgang/opgaver/{task.pk}/" in page
    assert client_for(users["caseworker"]).get(f"/sagsgennemgang/opgaver/{task.pk}/").status_code == 403
    r = caseworker.post(f"/sagsgennemgang/opgaver/{task.pk}/", {"note": "Skolen er orienteret."})
    assert r.status_code == 302
    with scopes_disabled():
        assert ReviewTask.objects.get(pk=task.pk).status == "done"


def test_pdf_and_json(known_db, users, as_of):
    review = run(users, as_of)
    leader = client_for(users["team_leader"])
    r = leader.get(f"/sagsgennemgang/{review.pk}/rapport.pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf" and r.content.startswith(b"%PDF")
    r = leader.get(f"/sagsgennemgang/{review.pk}/rapport.json")
    data = r.json()
    assert data["review"]["case_count"] == 16 and data["report"]["themes"][0]["title"] == "Håndtering af underretninger"
    assert "Barn 01" not in r.content.decode()
    with scopes_disabled():
        assert LogEntry.objects.filter(action_type="review.report.exported").count() == 2


def test_pdf_falls_back_to_printable_html(known_db, users, as_of, monkeypatch):
    from forebyg.review import views
    from forebyg.review.pdf import PdfResult

    review = run(users, as_of)
    monkeypatch.setattr(views, "render_pdf", lambda html, base_url=None: PdfResult(None, "No fonts are installed."))
    r = client_for(users["team_leader"]).get(f"/sagsgennemgang/{review.pk}/rapport.pdf")
    assert r.status_code == 200 and r["Content-Type"].startswith("text/html")
    assert "No fonts are installed." in r.content.decode() and "Bilag" in r.content.decode()


def test_new_review_form(known_db, users, as_of):
    leader = client_for(users["team_leader"])
    assert leader.get("/sagsgennemgang/ny/").status_code == 200
    r = leader.post("/sagsgennemgang/ny/", {
        "title": "Stikprøve", "period_start": "2023-01-01", "period_end": "2023-12-31", "include_ongoing": "on",
        "sample_size": "4", "seed": "99", "stratify_by": ["team"], "as_of": "2024-06-01T12:00",
        "strength_at": "90", "development_below": "75", "min_cases": "3"})
    assert r.status_code == 302
    with scopes_disabled():
        review = Review.objects.get(title="Stikprøve")
    assert (review.seed, review.case_count, review.sample["stratify_by"]) == (99, 4, ["team"])
    r = leader.post("/sagsgennemgang/ny/", {"title": "Forkert", "period_start": "2023-12-31",
                                            "period_end": "2023-01-01", "strength_at": "90",
                                            "development_below": "95", "min_cases": "3"})
    assert r.status_code == 200 and "errorlist" in r.content.decode()


def test_repeat_prefills_the_same_selection(known_db, users, as_of):
    review = run(users, as_of, sample_size=5, stratify_by=("team",))
    page = client_for(users["team_leader"]).get(f"/sagsgennemgang/ny/?from={review.pk}").content.decode()
    assert f'value="{review.seed}"' in page and 'value="5"' in page and 'value="2023-01-01"' in page
    assert re.search(r'<input type="checkbox" name="stratify_by" value="team"[^>]*checked', page)
