# SPDX-License-Identifier: MPL-2.0
"""A minimal iCalendar (RFC 5545) writer for one event: VCALENDAR with one VEVENT.

Pure Python. Times are written in UTC ("Z"), so no VTIMEZONE is needed; text is
escaped (backslash, semicolon, comma, newline) and lines are folded at 75 octets
with CRLF line endings."""

from __future__ import annotations

from datetime import UTC, datetime

PRODID = "-//Forebyg//Network events//DA"


def escape_text(value: str) -> str:
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line so no physical line is longer than 75 octets (UTF-8), never splitting a character."""
    out: list[str] = []
    current, size, limit = "", 0, 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += ch
        size += n
    out.append(current)
    return "\r\n".join(out)


def utc_stamp(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("iCalendar times must be timezone-aware")
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def event_ics(*, uid: str, sequence: int, starts_at: datetime, ends_at: datetime, summary: str,
              dtstamp: datetime, description: str = "", location: str = "", url: str = "",
              cancelled: bool = False) -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{escape_text(uid)}",
        f"SEQUENCE:{int(sequence)}",
        f"DTSTAMP:{utc_stamp(dtstamp)}",
        f"DTSTART:{utc_stamp(starts_at)}",
        f"DTEND:{utc_stamp(ends_at)}",
        f"SUMMARY:{escape_text(summary)}",
    ]
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    if url:
        lines.append(f"URL:{url}")
    lines.append(f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")
