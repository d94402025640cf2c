# SPDX-License-Identifier: MPL-2.0
"""Find a child by name or CPR number.

A CPR number never travels in an address (it would land in the web server's and proxies' logs):
the search form is a POST, and its answer shows the results directly (no redirect). A name search
may also come as `GET ?q=` (a link, a bookmark); an address holding a CPR number searches nothing.
Each child a CPR search reveals is written to the access log, with the number masked."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from forebyg.audit.services import CPR_PATTERN, log_access
from forebyg.domain.cpr import mask

from ..selectors import child as child_sel
from .common import require

VIEW = "cases.child_search"


def is_cpr(q: str) -> bool:
    """The whole query is a CPR number (DDMMYY-XXXX, with or without the dash): a lookup by number."""
    digits = q.strip().replace("-", "")
    return digits.isdigit() and len(digits) == 10


def _log_cpr_search(request, children, q: str) -> None:
    from forebyg.security.access import child_access

    masked = mask(q.strip())
    for child in children:
        access = child_access(request.user, child)
        log_access(user=request.user, child=child, view=VIEW, request=request,
                   reason=_("CPR search: %(cpr)s") % {"cpr": masked}, basis=access.basis if access else "search")


@login_required
def child_search(request):
    require(request.user, "cases.view_worklists")
    if request.method == "POST":
        q = request.POST.get("q", "").strip()[:200]
    else:
        q = request.GET.get("q", "").strip()[:200]
        if CPR_PATTERN.search(q):
            # The number is already in the address (and the logs): search nothing and show nothing of it.
            return render(request, "cases/child_search.html", {"q": "", "cpr_in_address": True})
    results = list(child_sel.child_search(q)) if q else []
    cpr = is_cpr(q)
    if cpr:
        _log_cpr_search(request, results, q)
    return render(request, "cases/child_search.html", {
        # A CPR number is not written back into the page: the box stays empty and the number is shown masked.
        "q": "" if cpr else q, "searched": bool(q), "cpr_masked": mask(q) if cpr else "", "results": results,
    })
