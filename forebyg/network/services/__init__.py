# SPDX-License-Identifier: MPL-2.0
"""Writes for networks: functions named `<entity>_<action>` with keyword-only arguments,
each in one transaction with an audit entry. E-mails are sent after the commit."""
