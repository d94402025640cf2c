# SPDX-License-Identifier: MPL-2.0
"""A hand-built set of 16 cases with known findings, shaped after seed 004 (Herning):
the professional notifier's feedback is not documented in 13 of 16 cases, and the
private network beyond the parents is not explored in 6 of 16.

All events are in 2023 (Serviceloven). Review it for the period 2023-01-01 to
2023-12-31 as of 2024-06-01 12:00. Case i (1-16) varies as listed in `SPEC`;
everything else is done properly and on time. tests/domain/test_review_known_set.py
holds the expected counts, worked out by hand from this table.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from .builder import LIFE_AREAS, Records

PERIOD = ("2023-01-01", "2023-12-31")
AS_OF = "2024-06-01 12:00"

# case number -> what differs from a properly handled case
SPEC: dict[int, set[str]] = {
    1: {"acute_need", "feedback", "no_network"},
    2: {"acute_need_no_action", "feedback", "no_note"},
    3: {"feedback", "no_network", "start_late"},
    4: {"prior_measure", "no_note"},
    5: {"prior_measure", "no_network"},
    6: {"missing_health"},
    7: {"missing_health", "no_network"},
    8: {"no_conclusion"},
    9: {"no_network", "followup_late"},
    10: {"conversation_after", "followup_late"},
    11: {"conversation_after", "no_parents", "no_network", "plan_late", "followup_late"},
    12: {"conversation_after", "no_parents", "no_conclusion", "no_plan", "followup_late"},
    13: {"early_measure", "no_parents", "investigation_late", "start_late"},
    14: {"early_measure", "no_parents", "investigation_late"},
    15: {"no_measure", "ack_late"},
    16: {"no_measure", "ack_late", "acute_late"},
}


def _fmt(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def known_set() -> Records:
    r = Records()
    r.team("team-a", "Team A")
    r.staff("cw-a", team="team-a")
    for i in range(1, 17):
        flags = SPEC[i]
        cid = f"k{i:02d}"
        r.child(cid, name=f"Barn {i:02d}")
        opened = "2022-05-01 09:00" if "prior_measure" in flags else "2023-01-05 09:00"
        case = r.case(cid, opened, cid=f"case-{cid}", caseworker="cw-a", team="team-a")
        if "prior_measure" in flags:
            r.measure(cid, case, "sel_contact_person", "2022-06-01 10:00", started="2022-06-01 10:00")
        received = datetime(2023, 2, 1, 10, 0) + timedelta(days=i)
        n = r.notification(cid, _fmt(received), kind="school")
        r.acute(n, _fmt(received + timedelta(hours=25 if "acute_late" in flags else 2)),
                acute="acute_need" in flags or "acute_need_no_action" in flags,
                action="" if "acute_need_no_action" in flags else "Vurderet og handlet.")
        r.ack(n, _fmt(received + timedelta(days=20 if "ack_late" in flags else 2)))
        r.decision(n, cid, _fmt(received + timedelta(days=1)), outcome="investigation")
        started = received + timedelta(days=1)
        completed = received + timedelta(days=130 if "investigation_late" in flags else 60)
        areas = [a for a in LIFE_AREAS if not ("missing_health" in flags and a == "health")]
        r.investigation(cid, case, _fmt(received), started=_fmt(started), completed=_fmt(completed),
                        areas=areas, conclusion=None if "no_conclusion" in flags else "Behov for støtte i hjemmet.")
        if "feedback" in flags:
            r.feedback(n, _fmt(started + timedelta(days=1)))
        participants = [("Klasselærer", "lærer")]
        if "no_parents" not in flags:
            participants.append(("Anna Hansen", "mor"))
        r.meeting(cid, _fmt(received + timedelta(days=10)), participants, case=case)
        if "no_network" not in flags:
            r.network_person(cid, "Grete Hansen", "Mormor")
        if "no_measure" in flags:
            r.conversation(cid, _fmt(received + timedelta(days=5)), case=case)
            continue
        decided = completed + timedelta(days=7)
        start = decided + timedelta(days=45 if "start_late" in flags else 5)
        kind = "sel_early" if "early_measure" in flags else "sel_family_treatment"
        m = r.measure(cid, case, kind, _fmt(decided), started=_fmt(start))
        held = decided + timedelta(days=3 if "conversation_after" in flags else -10)
        r.conversation(cid, _fmt(held), case=case)
        if "early_measure" in flags:
            continue
        if "no_plan" not in flags:
            # SEL § 140 stk. 1: the handleplan comes before the decision (issue #16)
            r.plan(cid, case, _fmt(decided + timedelta(days=150 if "plan_late" in flags else -2)))
        r.followup(cid, case, _fmt(start + timedelta(days=100 if "followup_late" in flags else 80)), measure=m,
                   note=None if "no_note" in flags else "Barnet trives bedre; målene er delvist nået.")
    return r
