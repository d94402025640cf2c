# SPDX-License-Identifier: MPL-2.0
from django.urls import path

from . import views_supervision as views

urlpatterns = [
    path("", views.supervision, name="audit_supervision"),
    path("eksport.<str:fmt>", views.export, name="audit_export"),
]
