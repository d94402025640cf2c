# SPDX-License-Identifier: MPL-2.0
"""The REST API (django-ninja) under /api/v1, with personal API tokens (docs/api.md)."""
