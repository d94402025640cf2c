# SPDX-License-Identifier: MPL-2.0
"""Hypothesis properties of the deadline engine over small random case histories.

* Later events never make a met obligation unmet: an obligation met as of t1
  is, as of any t2 >= t1 on the same records, still there (same key), still
  met, by the same record at the same time.
* The law period of an obligation depends on its subject's legal date, never
  on as_of.
* Statuses agree with as_of (nothing met in the future, overdue only after due).
"""

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from forebyg.domain.calendar import CPH, local_date
from forebyg.domain.deadlines import Status, compute_obligations
from forebyg.domain.staircase import MEASURE_KINDS, law_for

BASE = datetime(2023, 6, 1, tzinfo=UTC)
SPAN_MINUTES = 60 * 24 * 560  # into 2024: both law periods
CHILDREN = ["c1", "c2"]
CASES = {"c1": "k1", "c2": "k2"}


def iso(moment: datetime, style: int) -> str:
    """The same instant written with the Copenhagen offset, UTC 'Z' or +00:00."""
    if style == 0:
        return moment.astimezone(CPH).isoformat()
    text = moment.astimezone(UTC).isoformat()
    return text.replace("+00:00", "Z") if style == 1 else text


@st.composite
def histories(draw):
    def when(after=None, within=SPAN_MINUTES):
        lo = 0 if after is None else int((after - BASE).total_seconds() // 60)
        return BASE + timedelta(minutes=draw(st.integers(lo, lo + within)))

    style = draw(st.integers(0, 2))
    records = []

    def add(rtype, rid, **fields):
        for key, value in fields.items():
            if isinstance(value, datetime):
                fields[key] = iso(value, style)
        records.append({"type": rtype, "id": rid, "municipality": 657, **fields})

    for child in CHILDREN:
        closed = when() if draw(st.booleans()) and draw(st.booleans()) else None
        add("case", CASES[child], child=child, opened_at=BASE, closed_at=closed)
    for i in range(draw(st.integers(0, 3))):
        nid = f"n{i}"
        received = when()
        children = draw(st.lists(st.sampled_from(CHILDREN), min_size=1, max_size=2, unique=True))
        add("notification", nid, received_at=received, channel="email",
            notifier_kind=draw(st.sampled_from(["school", "family", "anonymous"])),
            notifier_professional=draw(st.booleans()), concern="-", children=children)
        if draw(st.booleans()):
            add("acute_assessment", f"a{i}", notification=nid, assessed_at=when(received, 3000),
                acute=False, action="-")
        if draw(st.booleans()):
            add("acknowledgement", f"k{i}", notification=nid, sent_at=when(received, 20000))
        if draw(st.booleans()):
            add("decision", f"d{i}", notification=nid, child=children[0],
                decided_at=when(received, 20000), outcome="existing_measure")
        if draw(st.booleans()):
            add("notifier_feedback", f"f{i}", notification=nid, given_at=when(received, 90000),
                content=draw(st.sampled_from(["investigation_started", "nothing_started"])))
    for i in range(draw(st.integers(0, 2))):
        child = draw(st.sampled_from(CHILDREN))
        aware = when()
        started = when(aware, 20000)
        extra = {}
        if draw(st.booleans()):
            extra["completed_at"] = when(started, 250000)
        if draw(st.booleans()):
            extra["provisional_assessment_at"] = when(started, 250000)
        add("investigation", f"i{i}", case=CASES[child], child=child, aware_at=aware,
            started_at=started, consent=draw(st.booleans()), **extra)
    for i in range(draw(st.integers(0, 3))):
        child = draw(st.sampled_from(CHILDREN))
        kind = draw(st.sampled_from(MEASURE_KINDS))
        decided = when()
        extra = {}
        if draw(st.booleans()):
            extra["started_at"] = when(decided, 100000)
        if draw(st.booleans()):
            extra["ended_at"] = when(decided, 500000)
        add("measure", f"m{i}", case=CASES[child], child=child, law=kind.law, kind=kind.code,
            legal_basis=kind.legal_basis, step=kind.default_step, decided_at=decided, **extra)
        for j in range(draw(st.integers(0, 3))):
            next_due = None
            if draw(st.booleans()):
                next_due = (decided + timedelta(days=draw(st.integers(30, 400)))).date().isoformat()
            add("followup", f"u{i}{j}", case=CASES[child], child=child, held_at=when(decided),
                measure=draw(st.sampled_from([f"m{i}", None])), next_due=next_due)
    for i in range(draw(st.integers(0, 3))):
        child = draw(st.sampled_from(CHILDREN))
        add("plan", f"p{i}", case=CASES[child], child=child, kind="handleplan", made_at=when())
        add("child_conversation", f"s{i}", child=child, held_at=when(), purpose="-")
        add("network_meeting", f"nm{i}", child=child, held_at=when(),
            kind=draw(st.sampled_from(["inclusive", "follow_up"])))
    return draw(st.permutations(records))


moments = st.integers(0, SPAN_MINUTES + 60 * 24 * 400).map(lambda m: BASE + timedelta(minutes=m))


@settings(max_examples=300, deadline=None)
@given(histories(), moments, moments)
def test_later_events_never_make_a_met_obligation_unmet(records, t1, t2):
    t1, t2 = min(t1, t2), max(t1, t2)
    before = compute_obligations(records, as_of=t1)
    after = {o.key: o for o in compute_obligations(records, as_of=t2)}
    for ob in before:
        if ob.status in Status.MET:
            later = after.get(ob.key)
            assert later is not None, ob
            assert later.status in Status.MET, (ob, later)
            assert (later.met_at, later.met_by) == (ob.met_at, ob.met_by)


@settings(max_examples=200, deadline=None)
@given(histories(), moments)
def test_statuses_agree_with_as_of_and_keys_are_unique(records, as_of):
    obs = compute_obligations(records, as_of=as_of)
    assert len({o.key for o in obs}) == len(obs)
    for ob in obs:
        if ob.met_at is not None:
            assert ob.status in Status.MET and ob.met_at <= as_of
        elif ob.status == Status.OVERDUE:
            assert ob.due is not None and ob.due < as_of
        elif ob.status in (Status.OPEN, Status.DUE_SOON):
            assert ob.due is None or ob.due >= as_of
            assert not (ob.closed and (ob.due is None or ob.due > as_of))
        assert ob.start <= as_of or ob.rule_id.endswith(".provisional_assessment") or (
            ob.rule_id.endswith(".child_conversation"))


@settings(max_examples=200, deadline=None)
@given(st.integers(-60 * 36, 60 * 36), st.integers(0, 60 * 24 * 900), st.integers(0, 2))
def test_law_period_depends_on_the_event_date_not_as_of(offset_minutes, later_minutes, style):
    received = datetime(2024, 1, 1, tzinfo=CPH) + timedelta(minutes=offset_minutes)
    records = [{"type": "notification", "id": "n1", "municipality": 657,
                "received_at": iso(received, style), "channel": "email", "notifier_kind": "school",
                "notifier_professional": True, "concern": "-", "children": ["c1"]}]
    expected = "BL" if received >= datetime(2024, 1, 1, tzinfo=CPH) else "SEL"
    assert law_for(local_date(received)) == expected
    obs = compute_obligations(records, as_of=received + timedelta(minutes=later_minutes))
    assert obs and {o.law for o in obs} == {expected}
    assert all(o.rule_id.startswith(expected.lower() + ".") for o in obs)


@given(st.dates(date(2023, 1, 1), date(2025, 12, 31)))
def test_measure_rules_follow_the_decision_date(day):
    decided = datetime(day.year, day.month, day.day, 12, tzinfo=CPH)
    m = {"type": "measure", "id": "m1", "municipality": 657, "case": "k1", "child": "c1",
         "law": law_for(day), "kind": "bl_family_treatment", "legal_basis": "-", "step": 3,
         "decided_at": decided.isoformat()}
    obs = compute_obligations([m], as_of=datetime(2030, 1, 1, tzinfo=UTC))
    assert {o.law for o in obs} == {law_for(day)}
