# SPDX-License-Identifier: MPL-2.0
"""/saml2/: Forebyg as a SAML service provider; /saml2/test-idp/: the demo's and tests' identity provider."""

from django.urls import path

from . import testidp, views

urlpatterns = [
    path("login/", views.SamlLogin.as_view(), name="saml2_login"),
    path("acs/", views.SamlACS.as_view(), name="saml2_acs"),
    path("logout/", views.SamlLogoutInit.as_view(), name="saml2_logout"),
    path("ls/", views.SamlLogoutService.as_view(), name="saml2_ls"),
    path("ls/post/", views.SamlLogoutService.as_view(), name="saml2_ls_post"),
    path("metadata/", views.metadata, name="saml2_metadata"),
    path("test-idp/metadata/", testidp.idp_metadata, name="saml_test_idp_metadata"),
    path("test-idp/sso/", testidp.sso, name="saml_test_idp_sso"),
    path("test-idp/slo/", testidp.slo, name="saml_test_idp_slo"),
]
