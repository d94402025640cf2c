# SPDX-License-Identifier: MPL-2.0
from django.urls import path

from . import views

urlpatterns = [
    path("<str:pk>/", views.letter, name="letter"),
    path("<str:pk>/pdf/", views.letter_pdf, name="letter_pdf"),
    path("<str:pk>/sendt/", views.letter_sent, name="letter_sent"),
    path("<str:pk>/annuller/", views.letter_cancel, name="letter_cancel"),
    path("<str:pk>/igen/", views.letter_retry, name="letter_retry"),
    path("underretning/<str:pk>/<str:kind>/", views.notification_letter, name="notification_letter"),
    path("barn/<str:pk>/<str:kind>/", views.child_letter, name="child_letter"),
]
