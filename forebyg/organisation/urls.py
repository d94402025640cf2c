# SPDX-License-Identifier: MPL-2.0
from django.urls import path

from . import views

urlpatterns = [
    path("", views.organisation, name="organisation"),
    path("<str:kind>/ny/", views.organisation_edit, name="organisation_new"),
    path("<str:kind>/<str:pk>/", views.organisation_edit, name="organisation_edit"),
]
