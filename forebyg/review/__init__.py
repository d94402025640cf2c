# SPDX-License-Identifier: MPL-2.0
"""Case review (sagsgennemgang): running reviews, findings, overrides, reports and tasks."""
