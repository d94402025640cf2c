# SPDX-License-Identifier: MPL-2.0
"""Reads for networks: what pages and services need to know, never writing."""
