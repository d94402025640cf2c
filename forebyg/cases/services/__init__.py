# SPDX-License-Identifier: MPL-2.0
"""Writes. Each function runs in one transaction and leaves an audit entry."""
