# SPDX-License-Identifier: MPL-2.0
"""Network pages under /netvaerk/: the secretariat's pages (login, role network secretariat or
administrator), the public call pages, and the participants' personal-link pages (p/<token>/)."""

from django.urls import path

from .views import calls, events, networks, participant, tasks

urlpatterns = [
    # Secretariat
    path("", networks.network_list, name="network_list"),
    path("ny/", networks.network_new, name="network_new"),
    path("<int:pk>/", networks.network_detail, name="network_detail"),
    path("<int:pk>/rediger/", networks.network_edit, name="network_edit"),
    path("<int:pk>/medlemmer/", networks.members, name="network_members"),
    path("<int:pk>/medlemmer/ny/", networks.membership_new, name="network_membership_new"),
    path("<int:pk>/grupper/ny/", networks.group_new, name="network_group_new"),
    path("<int:pk>/deltagere/", networks.participants, name="network_participants"),
    path("<int:pk>/deltagere/ny/", networks.participant_new, name="network_participant_new"),
    path("<int:pk>/opslag/ny/", calls.call_new, name="network_call_new"),
    path("<int:pk>/begivenheder/ny/", events.event_new, name="network_event_new"),
    path("<int:pk>/opgaver/ny/", tasks.task_new, name="network_task_new"),
    path("<int:pk>/deltagelse/", events.attendance, name="network_attendance"),
    path("<int:pk>/deltagelse/eksport.<str:fmt>", events.attendance_export, name="network_attendance_export"),
    path("grupper/<int:pk>/", networks.group_edit, name="network_group_edit"),
    path("medlemskaber/<int:pk>/afslut/", networks.membership_end, name="network_membership_end"),
    path("deltagere/<int:pk>/<str:action>/", networks.participant_action, name="network_participant_action"),
    path("opslag/<int:pk>/", calls.call_detail, name="network_call"),
    path("opslag/<int:pk>/offentliggoer/", calls.call_publish, name="network_call_publish"),
    path("ansoegninger/<int:pk>/", calls.application_detail, name="network_application"),
    path("begivenheder/<int:pk>/", events.event_detail, name="network_event"),
    path("begivenheder/<int:pk>/rediger/", events.event_edit, name="network_event_edit"),
    path("begivenheder/<int:pk>/flyt/", events.event_move, name="network_event_move"),
    path("begivenheder/<int:pk>/aflys/", events.event_cancel, name="network_event_cancel"),
    path("begivenheder/<int:pk>/inviter/", events.event_invite, name="network_event_invite"),
    path("begivenheder/<int:pk>/tilmeld/", events.registration_add, name="network_registration_add"),
    path("begivenheder/<int:pk>/afbud/<int:participant_pk>/", events.registration_cancel,
         name="network_registration_cancel"),
    path("begivenheder/<int:pk>/materiale/ny/", events.material_new, name="network_material_new"),
    path("materiale/<int:pk>/", events.material_download, name="network_material"),
    path("materiale/<int:pk>/fjern/", events.material_remove, name="network_material_remove"),
    path("opgaver/<int:pk>/", tasks.task_detail, name="network_task"),
    path("opgaver/<int:pk>/aflevering/", tasks.handin_record, name="network_handin_record"),
    path("afleveringer/<int:pk>/", tasks.handin_download, name="network_handin"),
    # Public: calls for applications
    path("ansoeg/<int:pk>/", calls.call_public, name="network_call_public"),
    path("ansoeg/<int:pk>/tak/", calls.call_thanks, name="network_call_thanks"),
    # Participants' personal links
    path("p/<str:token>/", participant.page, name="network_participant"),
    path("p/<str:token>/tilmeld/<int:pk>/", participant.register, name="network_p_register"),
    path("p/<str:token>/afbud/<int:pk>/", participant.cancel, name="network_p_cancel"),
    path("p/<str:token>/kalender/<int:pk>.ics", participant.ics, name="network_p_ics"),
    path("p/<str:token>/materiale/<int:pk>/", participant.material, name="network_p_material"),
    path("p/<str:token>/opgave/<int:pk>/", participant.handin, name="network_p_handin"),
]
