# SPDX-License-Identifier: MPL-2.0
"""Key-figure pages under /noegletal/."""

from django.urls import path

from . import views, views_hub

urlpatterns = [
    path("", views.dashboard, name="keyfigures_dashboard"),
    path("graf/<str:indicator>.svg", views.chart, name="keyfigures_chart"),
    path("boern/<str:indicator>/", views.drilldown, name="keyfigures_drilldown"),
    path("eksport.csv", views.export_csv, name="keyfigures_csv"),
    path("eksport.xlsx", views.export_xlsx, name="keyfigures_xlsx"),
    path("rapport.pdf", views.report, name="keyfigures_report"),
    path("genberegn/", views.recompute, name="keyfigures_recompute"),
    path("katalog/", views.catalogue_page, name="keyfigures_catalogue"),
    path("katalog.json", views.catalogue_json, name="keyfigures_catalogue_json"),
    path("aggregater/", views.aggregates, name="keyfigures_aggregates"),
    path("netvaerk/", views_hub.hub_list, name="keyfigures_hub"),
    path("netvaerk/<int:pk>/", views_hub.hub_network, name="keyfigures_hub_network"),
    path("netvaerk/<int:pk>/graf.svg", views_hub.hub_chart, name="keyfigures_hub_chart"),
    path("netvaerk/<int:pk>/import/", views_hub.hub_import, name="keyfigures_hub_import"),
    path("netvaerk/<int:pk>/noegler/", views_hub.hub_key, name="keyfigures_hub_key"),
    path("netvaerk/<int:pk>/noegler/<int:change_pk>/<str:decision>/", views_hub.hub_key_decide,
         name="keyfigures_hub_key_decide"),
]
