# SPDX-License-Identifier: MPL-2.0
from django.urls import path

from . import views

urlpatterns = [
    path("", views.my_deadlines, name="my_deadlines"),
    path("team/", views.team_deadlines, name="team_deadlines"),
    path("indstillinger/", views.settings_page, name="deadline_settings"),
]
