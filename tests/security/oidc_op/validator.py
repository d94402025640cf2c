# SPDX-License-Identifier: MPL-2.0
"""Claims of the test identity provider: e-mail, name, the municipality and Forebyg role, and the
authentication methods (amr) - per user, from the OP_CLAIMS environment variable."""

import json
import os

from oauth2_provider.oauth2_validators import OAuth2Validator


class ClaimsValidator(OAuth2Validator):
    oidc_claim_scope = None  # every claim below goes into both the ID token and userinfo

    def get_additional_claims(self, request):
        user = request.user
        extra = json.loads(os.environ.get("OP_CLAIMS", "{}")).get(user.username, {})
        return {"email": user.email, "email_verified": True, "name": f"{user.first_name} {user.last_name}".strip(),
                **extra}
