# SPDX-License-Identifier: MPL-2.0
"""The versioned JSON Lines interchange format: schema, reading, validating, writing."""

from .io import InterchangeError, LineError, dump_lines, parse_lines, read_file, write_file
from .schema import FORMAT_NAME, FORMAT_VERSION, TYPE_ORDER, json_schema

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "TYPE_ORDER",
    "InterchangeError",
    "LineError",
    "dump_lines",
    "json_schema",
    "parse_lines",
    "read_file",
    "write_file",
]
