# SPDX-License-Identifier: MPL-2.0
"""Assertions already used for a login: a captured assertion cannot be used a second time."""

from django.db import models


class UsedAssertion(models.Model):
    """One row per accepted assertion, kept until the assertion would have expired anyway."""

    issuer = models.CharField(max_length=500)
    assertion_id = models.CharField(max_length=255)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issuer", "assertion_id"], name="saml_assertion_once")]
