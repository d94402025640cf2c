# SPDX-License-Identifier: MPL-2.0
"""Network data. Not children's case data: plain managers, no municipality scope.
Only the network secretariat (and administrators) manage it; participants act
through personal links (see `AccessLink`)."""

from .calls import Application, ApplicationStatus, Call
from .events import Event, EventKind, EventStatus, Material, MaterialPhase, Registration, RegistrationStatus
from .structure import AccessLink, Group, Membership, MembershipRole, Network, NetworkKind, Participant
from .tasks import HandIn, Task

__all__ = [
    "AccessLink", "Application", "ApplicationStatus", "Call", "Event", "EventKind", "EventStatus", "Group",
    "HandIn", "Material", "MaterialPhase", "Membership", "MembershipRole", "Network", "NetworkKind",
    "Participant", "Registration", "RegistrationStatus", "Task",
]
