# SPDX-License-Identifier: MPL-2.0
"""Who may change the municipality's organisation and range of offers."""

import rules


@rules.predicate
def configures_organisation(user):
    return bool(user.is_authenticated and user.municipality_id and user.role in ("administrator", "manager"))


rules.add_perm("core.configure", configures_organisation)
