# SPDX-License-Identifier: MPL-2.0
from django.urls import path

from .views import case_record, child, correction, inbox, search, work

urlpatterns = [
    path("", work.home, name="home"),
    path("mit-arbejde/", work.my_work, name="my_work"),
    path("team/", work.team, name="team"),
    path("team/tildel/<str:kind>/<str:pk>/", work.assign, name="assign"),
    path("team/flyt/<str:kind>/<str:pk>/", work.move, name="team_move"),
    path("overblik/", work.overview, name="overview"),
    path("underretninger/", inbox.inbox, name="inbox"),
    path("underretninger/ny/", inbox.notification_new, name="notification_new"),
    path("underretninger/<str:pk>/", inbox.notification, name="notification"),
    path("underretninger/<str:pk>/ret/", correction.notification_correct, name="notification_correct"),
    path("underretninger/<str:pk>/<str:action>/", inbox.notification_action, name="notification_action"),
    path("boern/", search.child_search, name="child_search"),
    path("boern/ny/", inbox.child_new, name="child_new"),
    path("boern/<str:pk>/", child.child, name="child"),
    path("boern/<str:pk>/historik/<str:kind>/<str:obj_pk>/", child.record_history, name="record_history"),
    path("boern/<str:pk>/sagsforloeb/", case_record.child_record, name="child_record"),
    path("boern/<str:pk>/ret/", correction.child_correct, name="child_correct"),
    path("boern/<str:pk>/<str:action>/", child.child_action, name="child_action"),
    path("boern/<str:pk>/<str:action>/<str:obj_pk>/", child.child_action, name="child_object_action"),
]
