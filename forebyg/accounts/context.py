# SPDX-License-Identifier: MPL-2.0
"""Template context: the navigation a user's role gives them."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Role

NAV = {
    Role.RECEIVING_UNIT: [("inbox", _("Notifications")), ("child_new", _("Register child"))],
    Role.CASEWORKER: [("my_work", _("My work")), ("my_deadlines", _("My deadlines")), ("inbox", _("Notifications"))],
    Role.TEAM_LEADER: [("team", _("Team")), ("team_deadlines", _("Team deadlines")), ("inbox", _("Notifications")),
                       ("review_list", _("Case review"))],
    Role.MANAGER: [("overview", _("Overview")), ("team_deadlines", _("Deadlines")), ("inbox", _("Notifications")),
                   ("organisation", _("Organisation")), ("review_list", _("Case review"))],
    Role.ADMINISTRATOR: [("organisation", _("Organisation")), ("deadline_settings", _("Deadline settings"))],
    Role.NETWORK_SECRETARIAT: [("network_list", _("Networks"))],
}
# Management supervision and the review of access with a stated reason (issue #4).
NAV[Role.TEAM_LEADER] = NAV[Role.TEAM_LEADER] + [("glass_review", _("Access review")),
                                                 ("audit_supervision", _("Supervision"))]
NAV[Role.MANAGER] = NAV[Role.MANAGER] + [("glass_review", _("Access review")), ("audit_supervision", _("Supervision")),
                                         ("security_retention", _("Retention"))]
NAV[Role.ADMINISTRATOR] = NAV.get(Role.ADMINISTRATOR, []) + [
    ("accounts_users", _("Users")), ("security_policy", _("Security policy")), ("security_retention", _("Retention"))]
NAV[Role.ADMINISTRATOR] = NAV[Role.ADMINISTRATOR] + [("ops_jobs", _("Scheduled jobs"))]  # issue #17
# Key figures (issue #6): the dashboard for managers and analysts, the network hub for the secretariat.
NAV[Role.MANAGER] = NAV[Role.MANAGER] + [("keyfigures_dashboard", _("Key figures"))]
NAV[Role.ANALYST] = NAV.get(Role.ANALYST, []) + [("keyfigures_dashboard", _("Key figures")),
                                                 ("keyfigures_catalogue", _("Definitions"))]
NAV[Role.NETWORK_SECRETARIAT] = NAV[Role.NETWORK_SECRETARIAT] + [("keyfigures_hub", _("Key figures"))]


def navigation(request):
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {"nav": []}
    items = [(reverse(name), label, name) for name, label in NAV.get(user.role, [])]
    return {"nav": items, "logout_url": _logout_url(request)}


def _logout_url(request) -> str:
    """After a SAML login, "Log out" is single logout through the identity provider (issue #19)."""
    from .middleware import two_factor_satisfied

    if request.session.get("forebyg_saml_login") and two_factor_satisfied(request):
        return reverse("saml2_logout")
    return reverse("logout")
