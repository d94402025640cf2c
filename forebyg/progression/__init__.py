# SPDX-License-Identifier: MPL-2.0
"""The child's progression: goals scaled 0-10 and by GAS, instruments, the staircase path, team flags (#5)."""
