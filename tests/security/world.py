# SPDX-License-Identifier: MPL-2.0
"""A victim municipality full of real objects, and users of every role in it and in another
municipality: the ground the isolation test walks every URL pattern over."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django_scopes import scope, scopes_disabled

CPH = ZoneInfo("Europe/Copenhagen")
VICTIM, ATTACKER = 657, 167
ROLES = ["receiving_unit", "caseworker", "team_leader", "manager", "analyst", "network_secretariat", "administrator"]
CHILD_NAME = "Hemmelig Offersen"
CPR = "640315-4179"
CONCERN = "Bekymringstekst-XQZ"
SECRETS = [CHILD_NAME, "Hemmelig", CPR, "6403154179", "640315-", CONCERN, "Netvaerksperson-XQZ",
           "Maaltekst-XQZ", "Samtaleformaal-XQZ"]
# Data of the municipality's organisation (not about a child): other municipalities must not see it either.
ORG_SECRETS = ["Offerteam-XQZ", "Offertilbud-XQZ", "Offermedarbejder-XQZ"]


@dataclass
class World:
    users: dict[str, dict[str, object]] = field(default_factory=dict)  # "victim"/"attacker" -> role -> User
    ids: dict[str, object] = field(default_factory=dict)


def _user(municipality, role, prefix, team):
    from forebyg.accounts.models import User

    return User.objects.create_user(username=f"{prefix}-{role}", password="pw", role=role, municipality=municipality,
                                    team=team, full_name=f"Offermedarbejder-XQZ {role}" if prefix == "v" else
                                    f"Angriber {role}", email=f"{prefix}-{role}@example.invalid")


def build_world() -> World:
    from forebyg.cases import models as m
    from forebyg.cases.services import practice as p
    from forebyg.core.models import Municipality, Team
    from forebyg.security.models import GlassGrant, RetentionRun

    w = World()
    victim = Municipality.objects.get_or_create(code=VICTIM, defaults={"name": "Herning"})[0]
    attacker = Municipality.objects.get_or_create(code=ATTACKER, defaults={"name": "Hvidovre"})[0]
    with scopes_disabled():
        vteam = Team.objects.create(id="v-team", municipality=victim, name="Offerteam-XQZ")
        ateam = Team.objects.create(id="a-team", municipality=attacker, name="Angriberteam")
    w.users["victim"] = {r: _user(victim, r, "v", vteam) for r in ROLES}
    w.users["attacker"] = {r: _user(attacker, r, "a", ateam) for r in ROLES}
    vu = w.users["victim"]
    t0 = datetime(2026, 3, 2, 9, 0, tzinfo=CPH)
    with scope(municipality=[VICTIM]):
        offer = m.Offer.objects.create(id="v-offer", municipality=victim, name="Offertilbud-XQZ", provider="Kommunen",
                                       law="BL", measure_kind="bl_family_treatment", price_per_month=18000)
        child = p.child_register(actor=vu["receiving_unit"], name=CHILD_NAME, birth_date=date(2015, 3, 4), cpr=CPR,
                                 custody_holders=[{"name": "Hemmelig Forælder", "relation": "mor"}])
        n = p.notification_register(actor=vu["receiving_unit"], received_at=t0, channel="email",
                                    notifier_kind="school", notifier_professional=True, concern=CONCERN,
                                    children=[child], team=vteam)
        p.notification_assign(actor=vu["team_leader"], notification=n, caseworker=vu["caseworker"])
        p.acute_assessment_record(actor=vu["receiving_unit"], notification=n, assessed_at=t0 + timedelta(hours=2),
                                  acute=False, action="Vurderet")
        couns = p.counselling_start(actor=vu["caseworker"], child=child, started_at=t0, consent_at=t0,
                                    consent_by="Mor", referred_by="school", note=None)
        inv = p.investigation_start(actor=vu["caseworker"], child=child, aware_at=t0, started_at=t0 + timedelta(days=1), consent=True)
        case = m.Case.objects.get(child=child)
        p.child_conversation_record(actor=vu["caseworker"], child=child, held_at=t0 + timedelta(days=2),
                                    purpose="Samtaleformaal-XQZ", note=None)
        p.network_person_record(actor=vu["caseworker"], child=child, name="Netvaerksperson-XQZ", relation="moster",
                                resource=True, note=None)
        measure = p.measure_decide(actor=vu["caseworker"], child=child, kind="bl_family_treatment",
                                   decided_at=t0 + timedelta(days=3), offer=offer)
        p.plan_make(actor=vu["caseworker"], child=child, kind="barnets_plan", made_at=t0 + timedelta(days=3),
                    summary=None, goals=[{"life_area": "school", "text": "Maaltekst-XQZ", "target_date": None}])
        grant = GlassGrant.objects.create(municipality=victim, user=vu["receiving_unit"], child_id=child.pk,
                                          reason_kind="duty", reason_text="Døgnvagt i weekenden",
                                          granted_at=t0, expires_at=t0 + timedelta(hours=8))
        run = RetentionRun.objects.create(municipality=victim, as_of=date(2026, 3, 2), listed_at=t0, items=[])
    w.ids.update(child=child.pk, notification=n.pk, case=case.pk, counselling=couns.pk, investigation=inv.pk,
                 measure=measure.pk, offer=offer.pk, team=vteam.pk, glass_grant=grant.pk, retention_run=run.pk,
                 user=vu["caseworker"].pk, district=None, institution=None)
    with scopes_disabled():
        from forebyg.core.models import District, Institution

        d = District.objects.create(id="v-dist", municipality=victim, name="Offerdistrikt")
        i = Institution.objects.create(id="v-inst", municipality=victim, name="Offerskole", kind="school", district=d)
        w.ids.update(district=d.pk, institution=i.pk)
    with scope(municipality=[VICTIM]):
        goal = m.Goal.objects.get(child=child)
        followup = p.followup_record(actor=vu["caseworker"], child=child, held_at=t0 + timedelta(days=4), note=None,
                                     next_due=None, measure=None)
        from forebyg.cases.services.journal import journal_note_record

        note = journal_note_record(actor=vu["caseworker"], child=child, written_at=t0 + timedelta(days=4),
                                   kind="home_visit", text="Journaltekst-XQZ")
        w.ids.update(goal=goal.pk, plan=goal.plan_id, followup=followup.pk, journal_note=note.pk)
    with scope(municipality=[VICTIM]):
        from forebyg.letters.services import letter_draft

        w.ids["letter"] = letter_draft(actor=vu["receiving_unit"], kind="receipt", notification=n).pk
        from forebyg.documents.services import document_add

        doc = document_add(child=child, actor=vu["caseworker"], filename="notat.pdf",
                           content=b"%PDF-1.4\n%victim document\n%%EOF\n", title="Notat", kind="other",
                           source="uploaded")
        w.ids.update(document=doc.pk, document_version=doc.versions.get().pk)
    _review_objects(w, victim, child, case, vteam)
    _progression_objects(w, victim)
    _network_objects(w)
    try:
        from forebyg.api.tokens import token_create

        w.ids["api_token"] = token_create(actor=vu["receiving_unit"], user=vu["receiving_unit"], name="victim").token.pk
    except ImportError:
        pass
    return w


def _review_objects(w: World, victim, child, case, team) -> None:
    """A case review of the victim municipality (forebyg.review), with a case, a finding and a task."""
    try:
        from forebyg.review import models as r
    except ImportError:  # the app is not installed
        return
    vu = w.users["victim"]
    now = datetime(2026, 3, 10, 12, 0, tzinfo=CPH)
    with scopes_disabled():
        review = r.Review.objects.create(id="v-review", municipality=victim, title="Offergennemgang",
                                         ruleset_id="x", ruleset_version=1, ruleset={}, as_of=now)
        rcase = r.ReviewCase.objects.create(id="v-rcase", municipality=victim, review=review, position=1, child=child,
                                            team=team)
        finding = r.Finding.objects.create(id="v-finding", municipality=victim, review=review, review_case=rcase,
                                           point_id="p", point_version=1, theme="t", outcome="not_met", reason="r")
        task = r.ReviewTask.objects.create(id="v-task", municipality=victim, review=review, finding=finding,
                                           child=child, description="Opgave", assignee=vu["caseworker"])
    w.ids.update(review=review.pk, review_case=rcase.pk, finding=finding.pk, review_task=task.pk)


def _progression_objects(w: World, victim) -> None:
    """A questionnaire the victim municipality loaded itself (forebyg.progression)."""
    try:
        from forebyg.progression import models as pm
    except ImportError:  # the app is not installed
        return
    with scopes_disabled():
        inst = pm.Instrument.objects.create(id="v-instrument", municipality=victim, code="v-code", version="1",
                                            name="Offerinstrument", definition={})
        from forebyg.cases.models import Goal

        goal = Goal.objects.get(pk=w.ids["goal"])
        rnd = pm.ScalingRound.objects.create(id="v-round", municipality=victim, child_id=w.ids["child"], goal=goal,
                                             held_at=datetime(2026, 3, 9, 10, 0, tzinfo=CPH), entries=[])
    w.ids.update(instrument=inst.pk, instrument_code=inst.code, instrument_version=inst.version,
                 scaling_round=rnd.pk)


def api_token(user) -> str | None:
    """A personal API token for the user (None when the API app is not installed)."""
    try:
        from forebyg.api.tokens import token_create
    except ImportError:
        return None
    return token_create(actor=user, user=user, name="isolation test").secret


def _network_objects(w: World) -> None:
    """The seed networks (national data: networks span municipalities), plus a material and a hand-in."""
    from forebyg.network import models as nm
    from forebyg.network.services.demo import network_demo_load

    network_demo_load()
    event = nm.Event.objects.order_by("pk").first()
    task = nm.Task.objects.order_by("pk").first()
    material = nm.Material.objects.order_by("pk").first() or nm.Material.objects.create(
        event=event, title="Slides", file="x.pdf", original_name="x.pdf", uploaded_at=event.starts_at)
    handin = nm.HandIn.objects.order_by("pk").first() or nm.HandIn.objects.create(
        task=task, municipality_id=VICTIM, text="Aflevering", submitted_at=event.starts_at)
    participant = nm.Participant.objects.order_by("pk").first()
    w.ids.update(
        network=nm.Network.objects.order_by("pk").first().pk, group=nm.Group.objects.order_by("pk").first().pk,
        membership=nm.Membership.objects.order_by("pk").first().pk, participant=participant.pk,
        call=nm.Call.objects.order_by("pk").first().pk, application=nm.Application.objects.order_by("pk").first().pk,
        event=event.pk, task=task.pk, material=material.pk, handin=handin.pk,
    )
