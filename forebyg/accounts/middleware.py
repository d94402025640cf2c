# SPDX-License-Identifier: MPL-2.0
"""Every request runs inside its user's municipality scope; queries outside it fail loudly."""

from django.conf import settings
from django.utils import translation
from django_scopes import scope


class MunicipalityScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        municipality = getattr(user, "municipality_id", None) if user and user.is_authenticated else None
        with scope(municipality=[municipality] if municipality else []):
            return self.get_response(request)


class DanishFirstLocaleMiddleware:
    """Danish unless the user chose another language with the language switch (its cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language; a Danish
    municipality's system speaks Danish by default whatever the browser says."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
