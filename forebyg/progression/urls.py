# SPDX-License-Identifier: MPL-2.0
from django.urls import path

from . import views

urlpatterns = [
    path("team/", views.team, name="progression_team"),
    path("instrumenter/", views.instruments_page, name="progression_instruments"),
    path("instrumenter/<str:instrument_pk>/aktiv/", views.instrument_toggle, name="progression_instrument_toggle"),
    path("indstillinger/", views.settings_page, name="progression_settings"),
    path("boern/<str:pk>/", views.child_progression, name="progression_child"),
    path("boern/<str:pk>/opsummering/", views.summary, name="progression_summary"),
    path("boern/<str:pk>/opsummering.pdf", views.summary_pdf, name="progression_summary_pdf"),
    path("boern/<str:pk>/maal/<str:goal_pk>/graf.<str:fmt>", views.goal_chart, name="progression_chart"),
    path("boern/<str:pk>/skaler-alle/", views.scale_all, name="progression_scale_all"),
    path("boern/<str:pk>/maal/<str:goal_pk>/skala/", views.goal_scale, name="progression_goal_scale"),
    path("boern/<str:pk>/instrument/<str:code>/<str:version>/", views.instrument_answer,
         name="progression_instrument_answer"),
]
