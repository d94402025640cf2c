# SPDX-License-Identifier: MPL-2.0
"""Who may manage networks: the network secretariat and administrators. Participants never log in."""

import rules

from forebyg.accounts.models import Role

MANAGING_ROLES = {Role.NETWORK_SECRETARIAT, Role.ADMINISTRATOR}


@rules.predicate
def is_network_secretariat(user):
    return bool(user.is_authenticated and user.is_active and user.role in MANAGING_ROLES)


rules.add_perm("network.manage", is_network_secretariat)
