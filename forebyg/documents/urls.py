# SPDX-License-Identifier: MPL-2.0
from django.urls import path

from . import views

urlpatterns = [
    path("boern/<str:pk>/dokumenter/", views.documents, name="documents"),
    path("boern/<str:pk>/dokumenter/<str:doc_pk>/ny-version/", views.new_version, name="document_new_version"),
    path("boern/<str:pk>/dokumenter/hent/<str:version_pk>/", views.download, name="document_download"),
]
