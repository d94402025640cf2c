# SPDX-License-Identifier: MPL-2.0
"""The single sign-on endpoints (mozilla-django-oidc), switched off unless FOREBYG_OIDC_ENABLED."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.utils.translation import gettext as _
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView


class _Enabled:
    def dispatch(self, request, *args, **kwargs):
        if not settings.FOREBYG_OIDC_ENABLED:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class SSOStart(_Enabled, OIDCAuthenticationRequestView):
    pass


class SSOCallback(_Enabled, OIDCAuthenticationCallbackView):
    def login_failure(self):
        messages.error(self.request, _("Single sign-on did not give access to Forebyg. Ask your administrator "
                                       "whether you have a Forebyg user with this e-mail address."))
        return super().login_failure()
