# SPDX-License-Identifier: MPL-2.0
"""Operations: backup and restore (docs/operations.md)."""
