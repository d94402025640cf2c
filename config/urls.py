# SPDX-License-Identifier: MPL-2.0
from django.urls import include, path

from forebyg.ops.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),  # no login, no personal data: application and database answer
    path("drift/", include("forebyg.ops.urls")),  # scheduled jobs (administrators)
    path("", include("forebyg.accounts.urls")),  # login (password + TOTP), logout, SSO, users
    path("saml2/", include("forebyg.saml.urls")),  # login through Fælleskommunal Adgangsstyring (SAML, #19)
    path("sikkerhed/", include("forebyg.security.urls")),
    path("tilsyn/", include("forebyg.security.urls_supervision")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("netvaerk/", include("forebyg.network.urls")),
    path("frister/", include("forebyg.deadlines.urls")),
    path("progression/", include("forebyg.progression.urls")),
    path("administration/", include("forebyg.organisation.urls")),
    path("sagsgennemgang/", include("forebyg.review.urls")),
    path("api/", include("forebyg.api.urls")),  # REST API /api/v1/ and the API token page
    path("noegletal/", include("forebyg.keyfigures.urls")),
    path("breve/", include("forebyg.letters.urls")),  # letters and the outbox (issue #18)
    path("brevskabeloner/", include("forebyg.letters.admin_urls")),  # templates and letterhead (administrators)
    path("", include("forebyg.documents.urls")),  # /boern/<id>/dokumenter/, before the child's action URLs
    path("", include("forebyg.cases.urls")),
]
