# SPDX-License-Identifier: MPL-2.0
"""`check --deploy` refuses the local test IdP and an incomplete SAML configuration (issue #19)."""

from forebyg.security.checks import forebyg_saml


def test_the_test_idp_is_refused_in_production(settings):
    settings.FOREBYG_SAML_TEST_IDP = True
    assert "forebyg.E030" in {e.id for e in forebyg_saml(None)}
    settings.FOREBYG_SAML_TEST_IDP = False
    assert forebyg_saml(None) == []


def test_saml_login_needs_its_own_key_an_https_address_and_the_municipalities(settings, tmp_path):
    settings.FOREBYG_SAML_TEST_IDP = False
    settings.FOREBYG_SAML_IDP_METADATA = str(tmp_path / "idp.xml")
    settings.FOREBYG_SAML_KEY_FILE = "/tmp/saml/test-only-sp.key"
    settings.FOREBYG_SAML_CERT_FILE = "/tmp/saml/test-only-sp.crt"
    settings.FOREBYG_SAML_BASE_URL = "http://forebyg.example"
    settings.FOREBYG_SAML_MUNICIPALITIES = {}
    assert {e.id for e in forebyg_saml(None)} == {"forebyg.E031", "forebyg.E032", "forebyg.E033"}
    settings.FOREBYG_SAML_KEY_FILE = "/etc/forebyg/foces.key"
    settings.FOREBYG_SAML_BASE_URL = "https://forebyg.example"
    settings.FOREBYG_SAML_MUNICIPALITIES = {"29189854": 657}
    assert forebyg_saml(None) == []
