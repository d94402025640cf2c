# SPDX-License-Identifier: MPL-2.0
"""Who may reach every URL pattern of Forebyg: the table the isolation test walks.

Every named pattern the URL resolver knows (pages, downloads and, once it exists, /api/) must be
listed here, or tests/security/test_isolation.py fails: a new page is not covered until someone
has decided who may see it. For each pattern:

* ``kind``: PUBLIC (anyone, also without logging in: login, language, token links), SELF (any
  logged-in user, only their own things), MUNICIPAL (the data of one municipality) or NATIONAL
  (network data, which spans municipalities: network secretariat and administrators);
* ``roles``: the roles of the same municipality that may use it (everyone else gets 403/404);
* ``variants``: how to fill the path parameters: a name from tests/security/world.py's ids
  (an object of the *victim* municipality), or L("literal") for a fixed value.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PUBLIC, SELF, MUNICIPAL, NATIONAL = "public", "self", "municipal", "national"
R, C, TL, M, A, N, D = ("receiving_unit", "caseworker", "team_leader", "manager", "analyst", "network_secretariat",
                        "administrator")
ALL = frozenset({R, C, TL, M, A, N, D})
CASE = frozenset({R, C, TL, M})


@dataclass(frozen=True)
class L:
    value: str


@dataclass
class Policy:
    kind: str
    roles: frozenset = frozenset()
    variants: list[dict] = field(default_factory=lambda: [{}])
    skip_post: bool = False  # POSTing would change the tester's own session (e.g. log out)


def P(kind, roles=(), *variants, skip_post=False) -> Policy:
    return Policy(kind, frozenset(roles), list(variants) or [{}], skip_post)


def _child_actions():
    from forebyg.core.extension import child_actions

    return [{"pk": "child", "action": L(a.key)} for a in child_actions()]


# An object action -> the world object it works on. A new action fails the test until it is added here.
OBJECT_ACTION_OBJECTS = {"investigation_update": "investigation", "measure_start": "measure",
                         "measure_end": "measure", "counselling_end": "counselling"}


def _object_actions():
    from forebyg.core.extension import CHILD_ACTIONS

    OBJECT_ACTIONS = [k for k, a in CHILD_ACTIONS.items() if a.on_record]
    missing = set(OBJECT_ACTIONS) - set(OBJECT_ACTION_OBJECTS)
    assert not missing, f"tests/security/url_policy.py: say which object these child actions work on: {missing}"
    return [{"pk": "child", "action": L(a), "obj_pk": OBJECT_ACTION_OBJECTS[a]} for a in OBJECT_ACTIONS]


def _notification_actions():
    from forebyg.cases.views.inbox import NOTIFICATION_ACTIONS

    perm_roles = {"cases.register_notification": {R, TL}, "cases.casework": {C, TL}}
    return [({"pk": "notification", "action": L(a)}, perm_roles[spec.permission]) for a, spec in NOTIFICATION_ACTIONS.items()]


def _participant_actions():
    from forebyg.network.views.networks import PARTICIPANT_ACTIONS

    return PARTICIPANT_ACTIONS


def _indicator():
    from forebyg.domain.keyfigures.catalogue import INDICATORS

    return L(INDICATORS[0].id)


def _organisation_kinds():
    from forebyg.organisation.views import KINDS

    return KINDS


def policies() -> dict[str, list[Policy]]:
    out = {
        # --- public: no login (token links carry their own secret) ---
        "login": P(PUBLIC), "set_language": P(PUBLIC),
        "oidc_authentication_init": P(PUBLIC), "oidc_authentication_callback": P(PUBLIC),
        # SAML login through Fælleskommunal Adgangsstyring (issue #19): the protocol's own endpoints, and
        # the local test IdP (404 unless FOREBYG_SAML_TEST_IDP, which production refuses)
        "saml2_login": P(PUBLIC), "saml2_acs": P(PUBLIC), "saml2_ls": P(PUBLIC), "saml2_ls_post": P(PUBLIC),
        "saml2_metadata": P(PUBLIC), "saml_test_idp_metadata": P(PUBLIC), "saml_test_idp_sso": P(PUBLIC),
        "saml_test_idp_slo": P(PUBLIC),
        "saml2_logout": P(SELF, ALL, skip_post=True),  # POST starts single logout of the user's own session
        "network_call_public": P(PUBLIC), "network_call_thanks": P(PUBLIC), "network_participant": P(PUBLIC),
        "network_p_register": P(PUBLIC), "network_p_cancel": P(PUBLIC), "network_p_ics": P(PUBLIC),
        "network_p_material": P(PUBLIC), "network_p_handin": P(PUBLIC),
        # --- the logged-in user's own ---
        "logout": P(SELF, ALL, skip_post=True), "home": P(SELF, ALL),
        "two_factor_verify": P(SELF, ALL, skip_post=True), "two_factor_enrol": P(SELF, ALL, skip_post=True),
        "two_factor_backup_codes": P(SELF, ALL),
        # --- accounts and security (issue #4) ---
        "accounts_users": P(MUNICIPAL, {D}),
        "accounts_reset_two_factor": P(MUNICIPAL, {D}, {"pk": "user"}),
        "accounts_unlock": P(MUNICIPAL, {D}, {"pk": "user"}),
        # --- user management, passwords, operations (issue #17) ---
        "accounts_user_new": P(MUNICIPAL, {D}),
        "accounts_user_edit": P(MUNICIPAL, {D}, {"pk": "user"}),
        "accounts_user_deactivate": P(MUNICIPAL, {D}, {"pk": "user"}),
        "accounts_user_reactivate": P(MUNICIPAL, {D}, {"pk": "user"}),
        "accounts_user_send_link": P(MUNICIPAL, {D}, {"pk": "user"}),
        "password_change": P(SELF, ALL),
        "password_set": P(PUBLIC, (), {"uidb64": L("MQ"), "token": L("set-password")}),  # the token is the secret
        "healthz": P(PUBLIC),  # "ok" or 503, no personal data
        "ops_jobs": P(MUNICIPAL, {D}),  # the installation's jobs: names, times, outcomes, no personal data
        "glass_review": P(MUNICIPAL, {TL, M}),
        "glass_review_record": P(MUNICIPAL, {TL, M}, {"pk": "glass_grant"}),
        "glass_request": P(MUNICIPAL, CASE, {"kind": L("child"), "pk": "child"},
                           {"kind": L("notification"), "pk": "notification"}),
        "cpr_reveal": P(MUNICIPAL, CASE, {"pk": "child"}),
        "dsar": P(MUNICIPAL, {TL, M}, {"pk": "child"}),
        "security_policy": P(MUNICIPAL, {D}),
        "security_retention": P(MUNICIPAL, {D, M}),
        "security_retention_list": P(MUNICIPAL, {D, M}),
        "security_retention_approve": P(MUNICIPAL, {D, M}, {"pk": "retention_run"}),
        "security_retention_rule": P(MUNICIPAL, {D}, {"kind": L("child_inactive")}),  # confirm/reject a pending change
        "audit_supervision": P(MUNICIPAL, {TL, M}),
        "audit_export": P(MUNICIPAL, {TL, M}, {"fmt": L("csv")}, {"fmt": L("xlsx")}),
        # --- deadlines ---
        "my_deadlines": P(MUNICIPAL, {C, TL}),
        "team_deadlines": P(MUNICIPAL, {TL, M}),
        "deadline_settings": P(MUNICIPAL, {D, M, TL}),
        # --- organisation ---
        "organisation": P(MUNICIPAL, {D, M}),
        "organisation_new": P(MUNICIPAL, {D, M}, *[{"kind": L(k)} for k in _organisation_kinds()]),
        "organisation_edit": P(MUNICIPAL, {D, M}, *[{"kind": L(k), "pk": k} for k in _organisation_kinds()]),
        # --- case review ---
        "review_list": P(MUNICIPAL, {TL, M}), "review_new": P(MUNICIPAL, {TL, M}),
        "review_points": P(MUNICIPAL, {TL, M}), "review_my_tasks": P(MUNICIPAL, ALL),
        "review_task": P(MUNICIPAL, {C, TL, M}, {"task_pk": "review_task"}),
        "review_detail": P(MUNICIPAL, {TL, M}, {"pk": "review"}),
        "review_cases": P(MUNICIPAL, {TL, M}, {"pk": "review"}),
        "review_case": P(MUNICIPAL, {TL, M}, {"pk": "review", "case_pk": "review_case"}),
        "review_override": P(MUNICIPAL, {TL, M}, {"pk": "review", "finding_pk": "finding"}),
        "review_task_create": P(MUNICIPAL, {TL, M}, {"pk": "review", "finding_pk": "finding"}),
        "review_pdf": P(MUNICIPAL, {TL, M}, {"pk": "review"}),
        "review_json": P(MUNICIPAL, {TL, M}, {"pk": "review"}),
        # --- API tokens (the API operations themselves are in api_policy.py) ---
        "api_tokens": P(SELF, ALL),
        "api_token_revoke": P(MUNICIPAL, {D, R}, {"pk": "api_token"}),  # the token is the receiving unit's
        "api-v1:api-root": P(PUBLIC), "api-v1:openapi-json": P(PUBLIC), "api-v1:openapi-view": P(PUBLIC),
        # --- key figures (aggregates of the user's own municipality; the hub: networks) ---
        "keyfigures_catalogue_json": P(PUBLIC),  # definitions only, no figures
        "keyfigures_dashboard": P(MUNICIPAL, {M, A, TL}), "keyfigures_csv": P(MUNICIPAL, {M, A, TL}),
        "keyfigures_xlsx": P(MUNICIPAL, {M, A, TL}), "keyfigures_report": P(MUNICIPAL, {M, A, TL}),
        "keyfigures_chart": P(MUNICIPAL, {M, A, TL}, {"indicator": _indicator()}),
        "keyfigures_drilldown": P(MUNICIPAL, {M, TL}, {"indicator": _indicator()}),
        "keyfigures_recompute": P(MUNICIPAL, {M, A}), "keyfigures_aggregates": P(MUNICIPAL, {M, A}),
        "keyfigures_catalogue": P(MUNICIPAL, {M, A, TL, N, D}),
        # the network comparison: also a member municipality's managers and analysts, read-only (#15)
        "keyfigures_hub": P(NATIONAL, {N, D, M, A}),
        **{name: P(NATIONAL, {N, D, M, A}, {"pk": "network"}) for name in (
            "keyfigures_hub_network", "keyfigures_hub_chart")},
        "keyfigures_hub_import": P(NATIONAL, {N, D}, {"pk": "network"}),
        # a member's keys: the hub's users propose; the member's own managers and analysts set and confirm (#13)
        "keyfigures_hub_key": P(NATIONAL, {N, D, M, A}, {"pk": "network"}),
        "keyfigures_hub_key_decide": P(NATIONAL, {M, A}, {"pk": "network", "change_pk": L("1"),
                                                          "decision": L("bekraeft")}),
        # --- the child's progression ---
        "progression_team": P(MUNICIPAL, {C, TL, M}),
        "progression_instruments": P(MUNICIPAL, CASE | {D}),
        "progression_instrument_toggle": P(MUNICIPAL, {D, M}, {"instrument_pk": "instrument"}),
        "progression_settings": P(MUNICIPAL, {D, M}),
        "progression_child": P(MUNICIPAL, CASE, {"pk": "child"}),
        "progression_summary": P(MUNICIPAL, CASE, {"pk": "child"}),
        "progression_summary_pdf": P(MUNICIPAL, CASE, {"pk": "child"}),
        "progression_chart": P(MUNICIPAL, CASE, {"pk": "child", "goal_pk": "goal", "fmt": L("svg")},
                               {"pk": "child", "goal_pk": "goal", "fmt": L("png")}),
        "progression_goal_scale": P(MUNICIPAL, {C, TL}, {"pk": "child", "goal_pk": "goal"}),
        "progression_scale_all": P(MUNICIPAL, {C, TL}, {"pk": "child"}),
        "progression_instrument_answer": P(MUNICIPAL, {C, TL}, {"pk": "child", "code": "instrument_code",
                                                                "version": "instrument_version"}),
        # --- cases ---
        "my_work": P(MUNICIPAL, {C, TL}), "team": P(MUNICIPAL, {TL}),
        "assign": P(MUNICIPAL, {TL}, {"kind": L("notification"), "pk": "notification"},
                    {"kind": L("case"), "pk": "case"}),
        "team_move": P(MUNICIPAL, {TL}, {"kind": L("notification"), "pk": "notification"},
                       {"kind": L("case"), "pk": "case"}),
        "overview": P(MUNICIPAL, CASE), "inbox": P(MUNICIPAL, CASE),
        "notification_new": P(MUNICIPAL, {R, TL}),
        # Letters (issue #18): the receiving unit (receipts) and caseworkers; templates: administrators.
        "letter": P(MUNICIPAL, {R, C, TL}, {"pk": "letter"}),
        "letter_pdf": P(MUNICIPAL, {R, C, TL}, {"pk": "letter"}),
        "letter_sent": P(MUNICIPAL, {R, C, TL}, {"pk": "letter"}),
        "letter_cancel": P(MUNICIPAL, {R, C, TL}, {"pk": "letter"}),
        "letter_retry": P(MUNICIPAL, {R, C, TL}, {"pk": "letter"}),
        "notification_letter": P(MUNICIPAL, {R, C, TL}, {"pk": "notification", "kind": L("receipt")}),
        "child_letter": P(MUNICIPAL, {R, C, TL}, {"pk": "child", "kind": L("hearing")}),
        "letter_templates": P(MUNICIPAL, {D}),
        # Documents of the case (issue #18): read with the child's file, added by caseworkers and team leaders.
        "documents": P(MUNICIPAL, CASE, {"pk": "child"}),
        "document_new_version": P(MUNICIPAL, {C, TL}, {"pk": "child", "doc_pk": "document"}),
        "document_download": P(MUNICIPAL, CASE, {"pk": "child", "version_pk": "document_version"}),
        "letter_template": P(MUNICIPAL, {D}, {"kind": L("receipt")}),
        "letterhead": P(MUNICIPAL, {D}),
        "notification": P(MUNICIPAL, CASE, {"pk": "notification"}),
        "notification_correct": P(MUNICIPAL, {R, C, TL}, {"pk": "notification"}),
        "child_search": P(MUNICIPAL, CASE), "child_new": P(MUNICIPAL, {R, C, TL}),
        "child": P(MUNICIPAL, CASE, {"pk": "child"}),
        "record_history": P(MUNICIPAL, CASE, *[{"pk": "child", "kind": L(k), "obj_pk": k}
                                              for k in ("measure", "investigation", "counselling", "child",
                                                        "journal_note")]),
        "child_record": P(MUNICIPAL, CASE, {"pk": "child"}),
        "child_correct": P(MUNICIPAL, {R, C, TL}, {"pk": "child"}),  # name-only child gets birth date, CPR (#15)
        "child_action": P(MUNICIPAL, {C, TL}, *_child_actions()),
        "child_object_action": P(MUNICIPAL, {C, TL}, *_object_actions()),
    }
    # Notification actions: the roles differ per action.
    out["notification_action"] = [P(MUNICIPAL, roles, variant) for variant, roles in _notification_actions()]
    # --- networks: national data, for the network secretariat and administrators ---
    net = {N, D}
    out.update({
        "network_list": P(NATIONAL, net), "network_new": P(NATIONAL, net),
        **{name: P(NATIONAL, net, {"pk": "network"}) for name in (
            "network_detail", "network_edit", "network_members", "network_membership_new", "network_group_new",
            "network_participants", "network_participant_new", "network_call_new", "network_event_new",
            "network_task_new", "network_attendance")},
        "network_attendance_export": P(NATIONAL, net, {"pk": "network", "fmt": L("csv")},
                                       {"pk": "network", "fmt": L("xlsx")}),
        "network_group_edit": P(NATIONAL, net, {"pk": "group"}),
        "network_membership_end": P(NATIONAL, net, {"pk": "membership"}),
        "network_participant_action": P(NATIONAL, net, *[{"pk": "participant", "action": L(a)}
                                                         for a in _participant_actions()]),
        "network_call": P(NATIONAL, net, {"pk": "call"}),
        "network_call_publish": P(NATIONAL, net, {"pk": "call"}),
        "network_application": P(NATIONAL, net, {"pk": "application"}),
        **{name: P(NATIONAL, net, {"pk": "event"}) for name in (
            "network_event", "network_event_edit", "network_event_move", "network_event_cancel",
            "network_event_invite", "network_registration_add", "network_material_new")},
        "network_registration_cancel": P(NATIONAL, net, {"pk": "event", "participant_pk": "participant"}),
        "network_material": P(NATIONAL, net, {"pk": "material"}),
        "network_material_remove": P(NATIONAL, net, {"pk": "material"}),
        "network_task": P(NATIONAL, net, {"pk": "task"}),
        "network_handin_record": P(NATIONAL, net, {"pk": "task"}),
        "network_handin": P(NATIONAL, net, {"pk": "handin"}),
    })
    return {name: (p if isinstance(p, list) else [p]) for name, p in out.items()}
