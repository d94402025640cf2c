# SPDX-License-Identifier: MPL-2.0
"""Template context: the navigation a user's role gives them (forebyg.core.extension.register_nav), and
what the user may do (`may`)."""

from django.contrib.auth.models import AnonymousUser
from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _

from forebyg.core.extension import NavItem, nav_for, register_nav
from forebyg.web.permissions import holds

from .models import Role

# The main menu of each role, in order. Other apps add theirs with `register_nav` in their ready().
MENU = {
    Role.RECEIVING_UNIT: [("inbox", _("Notifications")), ("child_new", _("Register child"))],
    Role.CASEWORKER: [("my_work", _("My work")), ("my_deadlines", _("My deadlines")), ("inbox", _("Notifications"))],
    Role.TEAM_LEADER: [("team", _("Team")), ("team_deadlines", _("Team deadlines")), ("inbox", _("Notifications")),
                       ("review_list", _("Case review")),
                       # Management supervision and the review of access with a stated reason (issue #4).
                       ("glass_review", _("Access review")), ("audit_supervision", _("Supervision"))],
    Role.MANAGER: [("overview", _("Overview")), ("team_deadlines", _("Deadlines")), ("inbox", _("Notifications")),
                   ("organisation", _("Organisation")), ("review_list", _("Case review")),
                   ("glass_review", _("Access review")), ("audit_supervision", _("Supervision")),
                   ("security_retention", _("Retention")),
                   ("keyfigures_dashboard", _("Key figures"))],  # key figures (issue #6)
    Role.ADMINISTRATOR: [("organisation", _("Organisation")), ("deadline_settings", _("Deadline settings")),
                         ("accounts_users", _("Users")), ("security_policy", _("Security policy")),
                         ("security_retention", _("Retention")), ("ops_jobs", _("Scheduled jobs"))],
    Role.NETWORK_SECRETARIAT: [("network_list", _("Networks")), ("keyfigures_hub", _("Key figures"))],
    Role.ANALYST: [("keyfigures_dashboard", _("Key figures")), ("keyfigures_catalogue", _("Definitions"))],
}


def register_menu() -> None:
    """Called from AccountsConfig.ready()."""
    for role, items in MENU.items():
        for url_name, label in items:
            register_nav(NavItem(url_name, label, roles=(role,)))


_REVERSED = "_forebyg_reversed"  # on Django's URL resolver object


def url_of(name: str) -> str:
    """`reverse(name)` for a page without arguments, worked out once per URL configuration and script
    prefix (issue #20: base.html and the menu asked for a dozen on every page).

    Kept on Django's resolver object for the URL configuration in use, so what invalidates it is
    what makes Django build a new resolver: `clear_url_caches()` (a changed ROOT_URLCONF in the
    tests, `override_settings`); a request's own `urlconf` has its own resolver, and the script
    prefix (the site served under a path) is part of the key. Holds URLs only."""
    resolver = get_resolver(get_urlconf())
    memo = resolver.__dict__.get(_REVERSED)
    if memo is None:
        memo = resolver.__dict__[_REVERSED] = {}
    key = (get_script_prefix(), name)
    url = memo.get(key)
    if url is None:
        url = memo[key] = reverse(name)
    return url


class _Urls:
    """`urls.<name>` in a template: `url_of(name)`, the `{% url %}` of a page without arguments."""

    def __getitem__(self, name: str) -> str:
        return url_of(name)


URLS = _Urls()


def navigation(request):
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {"nav": [], "urls": URLS}
    items = [(url_of(i.url_name), i.label, i.url_name) for i in nav_for(user.role)]
    return {"nav": items, "logout_url": _logout_url(request), "urls": URLS}


def _logout_url(request) -> str:
    """After a SAML login, "Log out" is single logout through the identity provider (issue #19)."""
    from .middleware import two_factor_satisfied

    if request.session.get("forebyg_saml_login") and two_factor_satisfied(request):
        return url_of("saml2_logout")
    return url_of("logout")


class _Permissions:
    """`may.<app>.<name>` in a template: does the request's user hold that permission under the
    project's own rules (forebyg.accounts.rules)? Each asked at most once per request.

    Django's `perms` asks `user.has_perm`, which loads the user's model permissions (two queries)
    whenever the rules say no; this gives the same answer without (forebyg.web.permissions, #20)."""

    def __init__(self, user) -> None:
        self._user = user
        self._answers: dict[str, bool] = {}

    def __getitem__(self, app: str) -> "_AppPermissions":
        return _AppPermissions(self, app)

    def holds(self, name: str) -> bool:
        if name not in self._answers:
            self._answers[name] = holds(self._user, name)
        return self._answers[name]


class _AppPermissions:
    def __init__(self, permissions: _Permissions, app: str) -> None:
        self._permissions = permissions
        self._app = app

    def __getitem__(self, name: str) -> bool:
        return self._permissions.holds(f"{self._app}.{name}")


def permissions(request):
    """`may` for templates (see _Permissions); templates use it instead of Django's `perms`."""
    user = getattr(request, "user", None)
    return {"may": _Permissions(user if user is not None else AnonymousUser())}
