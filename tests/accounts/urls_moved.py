# SPDX-License-Identifier: MPL-2.0
"""A URL configuration in which the start page has moved (tests/accounts/test_url_of.py)."""

from django.http import HttpResponse
from django.urls import path

urlpatterns = [path("anderswo/", lambda request: HttpResponse("moved"), name="home")]
