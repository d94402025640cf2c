# SPDX-License-Identifier: MPL-2.0
"""Limits that keep a hostile or broken interchange file from crashing or swamping the reader.

Checked on each raw line before (or instead of) the schema, so that every bad line gets a
line-numbered message instead of a traceback (issue #13, finding 9; docs/interchange.md, "Limits"):

- a line is at most `MAX_LINE_BYTES` long; a longer one is skipped without being held in memory;
- a line is UTF-8;
- arrays and objects nest at most `MAX_DEPTH` deep (the format needs 3);
- text holds no NUL character and no lone surrogate (both only reachable through `\\u` escapes);
- a value quoted in a message is cut to about `CLIP` characters.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any, cast

MAX_LINE_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 10
CLIP = 80
_CHUNK = 1024 * 1024
_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(r"[\[\]{}]")
_NUL = re.compile("\x00")
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class TooLong:
    """Stands for a line longer than MAX_LINE_BYTES; only its size is kept."""

    size: int


def bounded_lines(fh: IO[bytes]) -> Iterator[bytes | TooLong]:
    """The lines of a binary file; a line longer than MAX_LINE_BYTES is read past in chunks and
    yielded as TooLong, so a 50 MB value never sits in memory whole."""
    while True:
        line = fh.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            size = len(line)
            while True:
                more = fh.readline(_CHUNK)
                size += len(more)
                if not more or more.endswith(b"\n"):
                    break
            yield TooLong(size)
        else:
            yield line


def source_lines(lines: Iterable[Any]) -> Iterable[Any]:
    """A file opened in text mode is read as bytes instead: a malformed UTF-8 sequence then
    becomes an error on its own line rather than an exception in the middle of the loop."""
    buffer = getattr(lines, "buffer", None) if isinstance(lines, io.TextIOBase) else None
    if isinstance(buffer, io.BufferedIOBase):
        lines = buffer
    if isinstance(lines, (io.BufferedIOBase, io.RawIOBase)):
        return bounded_lines(cast("IO[bytes]", lines))
    return lines


def decode(raw: bytes) -> tuple[str | None, str]:
    """(text, "") or (None, why the line is not UTF-8, with the column of the bad byte)."""
    try:
        return raw.decode("utf-8"), ""
    except UnicodeDecodeError as exc:
        return None, f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})"


def too_deep(text: str) -> bool:
    """Whether arrays and objects nest deeper than MAX_DEPTH (brackets inside strings do not
    count). Counting the brackets first keeps the common line at two C-speed scans."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return False
    depth = 0
    for bracket in _BRACKETS.findall(_STRINGS.sub("", text)):
        if bracket in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        else:
            depth -= 1
    return False


def bad_text(value: Any, path: str = "") -> tuple[str, str] | None:
    """(field, message) for the first string or key holding a NUL or a lone surrogate. Only a
    line with a `\\u` escape can hold one, so the caller walks the record only then."""
    if isinstance(value, str):
        if _NUL.search(value):
            return path or "(record)", "must not contain a NUL character"
        if _SURROGATE.search(value):
            return path or "(record)", "must not contain a lone surrogate (not valid Unicode text)"
        return None
    if isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else key
            found = bad_text(key, where) or bad_text(item, where)
            if found:
                return clip_text(found[0]), found[1]
        return None
    if isinstance(value, list):
        for i, item in enumerate(value):
            found = bad_text(item, f"{path}.{i}" if path else str(i))
            if found:
                return found
    return None


def clip_text(text: str, limit: int = CLIP) -> str:
    """Text for a message: printable anywhere (no lone surrogates), at most about `limit` characters."""
    if len(text) > limit:
        text = f"{text[:limit]}… ({len(text):,} characters)"
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def clip(value: Any, limit: int = CLIP) -> str:
    """repr() of a value for a message, cut to about `limit` characters without building the
    repr of a huge value first."""
    if isinstance(value, str) and len(value) > limit:
        return f"{value[:limit]!r}… ({len(value):,} characters)"
    if isinstance(value, (list, dict)) and len(value) > limit:
        return f"a {type(value).__name__} of {len(value):,} items"
    text = repr(value)
    if len(text) > limit:
        text = text[:limit] + "…"
    return text
