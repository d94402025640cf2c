# SPDX-License-Identifier: MPL-2.0
"""Knowledge of the field, in plain Python. Nothing here imports Django."""
