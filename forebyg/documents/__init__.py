# SPDX-License-Identifier: MPL-2.0
"""Documents of a child's case (issue #18): uploaded or generated files, kept in versions."""
