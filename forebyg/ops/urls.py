# SPDX-License-Identifier: MPL-2.0
from django.urls import path

from . import views

urlpatterns = [
    path("planlagte-job/", views.jobs, name="ops_jobs"),
]
