# SPDX-License-Identifier: MPL-2.0
from django.urls import path

from . import views

urlpatterns = [
    path("adgang/gennemgang/", views.glass_review, name="glass_review"),
    path("adgang/gennemgang/<int:pk>/", views.glass_review_record, name="glass_review_record"),
    path("adgang/<str:kind>/<str:pk>/", views.glass_request, name="glass_request"),
    path("boern/<str:pk>/cpr/", views.cpr_reveal, name="cpr_reveal"),
    path("boern/<str:pk>/indsigt/", views.dsar, name="dsar"),
    path("politik/", views.policy, name="security_policy"),
    path("sletning/", views.retention, name="security_retention"),
    path("sletning/ny-liste/", views.retention_list_now, name="security_retention_list"),
    path("sletning/<int:pk>/godkend/", views.retention_approve, name="security_retention_approve"),
]
