# SPDX-License-Identifier: MPL-2.0
"""The people register (CPR) behind one interface: look up a person by CPR number (issue #19)."""
