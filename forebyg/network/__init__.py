# SPDX-License-Identifier: MPL-2.0
"""Networks of municipalities run by a secretariat: members, groups, calls, events, tasks."""
