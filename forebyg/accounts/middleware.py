# SPDX-License-Identifier: MPL-2.0
"""Every request runs inside its user's municipality scope; queries outside it fail loudly."""

from django_scopes import scope


class MunicipalityScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        municipality = getattr(user, "municipality_id", None) if user and user.is_authenticated else None
        with scope(municipality=[municipality] if municipality else []):
            return self.get_response(request)
