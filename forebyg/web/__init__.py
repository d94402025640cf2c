# SPDX-License-Identifier: MPL-2.0
"""Shared web helpers, below every app (issue #14): permission checks, running a service from a
form, the page's language. Imports only Django and forebyg.core (import-linter's layers)."""
