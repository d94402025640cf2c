# SPDX-License-Identifier: MPL-2.0
"""Logged-in sessions and API tokens for the load test's simulated users (bench/load/run.py runs it).

Every page needs a login with two factors (issue #4). A load test cannot type TOTP codes, so each
simulated user gets a session made the way the test suite makes one: Django's test client logs the
user in (`force_login`, a real session row in the database) and the session is marked as having
passed the second factor with a confirmed TOTP device, exactly as the login view does after a
correct code. The API users get personal API tokens. Sessions and tokens belong to the demo
municipality's real synthetic staff: caseworkers with their open cases' children, team leaders,
the manager."""

from __future__ import annotations

import argparse
import json
import os
import sys
from itertools import cycle
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def session_cookie(user) -> str:
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or \
        TOTPDevice.objects.create(user=user, name="load test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return session.session_key


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--out", required=True)
    p.add_argument("--sessions", type=int, default=220, help="sessions per role pool (at least the most users)")
    p.add_argument("--municipality", type=int, default=657)
    args = p.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    import django

    django.setup()
    from django.conf import settings
    from django.db.models import Count, Q
    from django_scopes import scopes_disabled

    from forebyg.accounts.models import User
    from forebyg.api.tokens import token_create
    from forebyg.cases import models as m

    with scopes_disabled():
        base = User.objects.filter(municipality_id=args.municipality, is_active=True)
        caseworkers = list(base.filter(role="caseworker").annotate(
            n=Count("cases", filter=Q(cases__closed_at__isnull=True))).filter(n__gt=0).order_by("ext_id"))
        children = {u.pk: list(m.Case.objects.filter(caseworker=u, closed_at__isnull=True)
                               .values_list("child_id", flat=True)[:40]) for u in caseworkers}
        leaders = list(base.filter(role="team_leader").order_by("ext_id"))
        managers = list(base.filter(role="manager").order_by("ext_id"))
        pools = {"caseworker": [], "team_leader": [], "manager": [], "api": []}
        for user, _i in zip(cycle(caseworkers), range(args.sessions), strict=False):
            pools["caseworker"].append({"user": user.username, "session": session_cookie(user),
                                        "children": children[user.pk]})
        # Locust sends 1 team leader per 8 caseworkers and one manager (bench/load/locustfile.py); a
        # pool is taken round (two simulated users may share a session), so these are plenty.
        for role, users, n in (("team_leader", leaders, args.sessions // 8 + 1), ("manager", managers, 2)):
            for user, _i in zip(cycle(users), range(n), strict=False):
                pools[role].append({"user": user.username, "session": session_cookie(user)})
        for user in caseworkers[:10]:
            pools["api"].append({"user": user.username,
                                 "token": token_create(actor=None, user=user, name="load test", days=2).secret})
    pools["cookie_name"] = settings.SESSION_COOKIE_NAME
    Path(args.out).write_text(json.dumps(pools), encoding="utf-8")
    print(f"{len(pools['caseworker'])} caseworker, {len(pools['team_leader'])} team leader, "
          f"{len(pools['manager'])} manager sessions; {len(pools['api'])} API tokens -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
