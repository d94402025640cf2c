# SPDX-License-Identifier: MPL-2.0
from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "forebyg.review"
    label = "review"
    default_auto_field = "django.db.models.BigAutoField"
