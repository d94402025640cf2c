# SPDX-License-Identifier: MPL-2.0
from django.urls import path

from . import views
from .api import api

urlpatterns = [
    path("v1/", api.urls),
    path("noegler/", views.tokens, name="api_tokens"),
    path("noegler/<int:pk>/spaer/", views.revoke, name="api_token_revoke"),
]
