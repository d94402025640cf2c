# SPDX-License-Identifier: MPL-2.0
from django.urls import path

from . import views

urlpatterns = [
    path("", views.templates, name="letter_templates"),
    path("brevhoved/", views.letterhead, name="letterhead"),
    path("<str:kind>/", views.template_edit, name="letter_template"),
]
