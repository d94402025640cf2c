# SPDX-License-Identifier: MPL-2.0
"""One router per topic; forebyg.api.api mounts them under /api/v1."""
