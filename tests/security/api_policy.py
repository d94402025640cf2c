# SPDX-License-Identifier: MPL-2.0
"""Who may call every REST API operation (django-ninja, /api/v1/): the isolation test calls each
with a personal API token of every role of another municipality and of the same one.

Every operation the API registers must be listed here, or test_isolation fails. Path parameters
are filled from tests/security/world.py by their name (PARAMS); a new parameter name must be added."""

from __future__ import annotations

from .url_policy import ALL, CASE, MUNICIPAL, SELF, TL, A, C, M, Policy, R

NAMESPACE = "api-v1"
PARAMS = {"child_id": "child", "notification_id": "notification", "case_id": "case",
          "investigation_id": "investigation", "measure_id": "measure", "plan_id": "plan", "goal_id": "goal",
          "followup_id": "followup", "round_id": "scaling_round", "note_id": "journal_note",
          "document_id": "document"}
WRITE = {R, C, TL}
CASEWORK = {C, TL}
RECEIVING = {R, TL}

ROLES = {
    "me": (SELF, ALL),
    "staff": (MUNICIPAL, CASE), "teams": (MUNICIPAL, CASE), "offers": (MUNICIPAL, CASE),
    "list_children": (MUNICIPAL, CASE), "register_child": (MUNICIPAL, WRITE), "search_children": (MUNICIPAL, CASE),
    "get_child_detail": (MUNICIPAL, CASE), "break_glass": (MUNICIPAL, CASE), "child_deadlines": (MUNICIPAL, CASE),
    "list_notifications": (MUNICIPAL, CASE), "register_notification": (MUNICIPAL, RECEIVING),
    "get_notification": (MUNICIPAL, CASE), "acute_assessment": (MUNICIPAL, RECEIVING),
    "acknowledgement": (MUNICIPAL, RECEIVING), "route": (MUNICIPAL, RECEIVING),
    "decision": (MUNICIPAL, CASEWORK), "feedback": (MUNICIPAL, CASEWORK), "assign": (MUNICIPAL, {TL}),
    "list_cases": (MUNICIPAL, CASE), "get_case": (MUNICIPAL, CASE), "assign_case": (MUNICIPAL, {TL}),
    "list_investigations": (MUNICIPAL, CASE), "get_investigation": (MUNICIPAL, CASE),
    "update_investigation": (MUNICIPAL, CASEWORK), "patch_investigation": (MUNICIPAL, CASEWORK),
    "list_measures": (MUNICIPAL, CASE), "decide_measure": (MUNICIPAL, CASEWORK), "get_measure": (MUNICIPAL, CASE),
    "start_measure": (MUNICIPAL, CASEWORK), "end_measure": (MUNICIPAL, CASEWORK),
    "list_plans": (MUNICIPAL, CASE), "make_plan": (MUNICIPAL, CASEWORK), "get_plan": (MUNICIPAL, CASE),
    "list_goals": (MUNICIPAL, CASE), "get_goal": (MUNICIPAL, CASE),
    "list_followups": (MUNICIPAL, CASE), "record_followup": (MUNICIPAL, CASEWORK), "get_followup": (MUNICIPAL, CASE),
    "list_journal_notes": (MUNICIPAL, CASE), "write_journal_note": (MUNICIPAL, CASEWORK),
    "get_journal_note": (MUNICIPAL, CASE),
    "my_deadlines": (MUNICIPAL, CASEWORK), "team_deadlines": (MUNICIPAL, {TL, M}),
    "list_scaling_rounds": (MUNICIPAL, CASE), "record_scaling_round": (MUNICIPAL, CASEWORK),
    "get_scaling_round": (MUNICIPAL, CASE), "list_goal_scales": (MUNICIPAL, CASE),
    "indicators": (MUNICIPAL, {M, A, TL}), "figures": (MUNICIPAL, {M, A, TL}),  # aggregates of one's own municipality
    "child_intake": (MUNICIPAL, CASE),
    "list_documents": (MUNICIPAL, CASE), "get_document": (MUNICIPAL, CASE),  # metadata only (issue #18)  # the intake view of a child (issue #13)
}


def operations() -> dict[str, tuple[str, str]]:
    """url name -> (HTTP method, path) of every API operation, from the API object itself."""
    try:
        from forebyg.api.api import api
    except ImportError:
        return {}
    out = {}
    for _prefix, router in api._routers:
        for _path, path_view in router.path_operations.items():
            for op in path_view.operations:
                out[op.view_func.__name__] = (op.methods[0], _path)
    return out


def policies() -> dict[str, tuple[str, Policy]]:
    """namespaced url name -> (method, policy)."""
    ops = operations()
    out = {}
    for name, (method, path) in ops.items():
        if name not in ROLES:
            continue
        kind, roles = ROLES[name]
        params = [p.strip("{}") for p in path.split("/") if p.startswith("{")]
        missing = [p for p in params if p not in PARAMS]
        assert not missing, f"tests/security/api_policy.py: which test object fills {missing} of {name}?"
        out[f"{NAMESPACE}:{name}"] = (method, Policy(kind, frozenset(roles), [{p: PARAMS[p] for p in params}]))
    return out
