# SPDX-License-Identifier: MPL-2.0
from django.urls import path

from . import views

urlpatterns = [
    path("", views.review_list, name="review_list"),
    path("ny/", views.review_new, name="review_new"),
    path("punkter/", views.points_page, name="review_points"),
    path("opgaver/", views.my_tasks, name="review_my_tasks"),
    path("opgaver/<str:task_pk>/", views.task_detail, name="review_task"),
    path("<str:pk>/", views.review_detail, name="review_detail"),
    path("<str:pk>/sager/", views.review_cases, name="review_cases"),
    path("<str:pk>/sager/<str:case_pk>/", views.review_case, name="review_case"),
    path("<str:pk>/fund/<str:finding_pk>/tilsidesaet/", views.finding_override, name="review_override"),
    path("<str:pk>/fund/<str:finding_pk>/opgave/", views.task_create, name="review_task_create"),
    path("<str:pk>/rapport.pdf", views.review_pdf, name="review_pdf"),
    path("<str:pk>/rapport.json", views.review_json, name="review_json"),
]
