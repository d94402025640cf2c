# SPDX-License-Identifier: MPL-2.0
"""Operations: backup and restore, scheduled jobs, the health check (docs/operations.md)."""
