# SPDX-License-Identifier: MPL-2.0
from django.urls import path

from . import views, views_retention

urlpatterns = [
    path("adgang/gennemgang/", views.glass_review, name="glass_review"),
    path("adgang/gennemgang/<int:pk>/", views.glass_review_record, name="glass_review_record"),
    path("adgang/<str:kind>/<str:pk>/", views.glass_request, name="glass_request"),
    path("boern/<str:pk>/cpr/", views.cpr_reveal, name="cpr_reveal"),
    path("boern/<str:pk>/indsigt/", views.dsar, name="dsar"),
    path("politik/", views.policy, name="security_policy"),
    path("sletning/", views_retention.retention, name="security_retention"),
    path("sletning/ny-liste/", views_retention.retention_list_now, name="security_retention_list"),
    path("sletning/regel/<str:kind>/", views_retention.retention_rule_decide, name="security_retention_rule"),
    path("sletning/<int:pk>/godkend/", views_retention.retention_approve, name="security_retention_approve"),
]
