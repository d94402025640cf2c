# SPDX-License-Identifier: MPL-2.0
"""Just enough PDF reading for the tests: the text of a PDF WeasyPrint wrote (its content streams' hex
glyph strings mapped through the fonts' ToUnicode CMaps), and its XMP metadata."""

from __future__ import annotations

import re
import zlib


def _streams(pdf: bytes) -> list[bytes]:
    out = []
    for m in re.finditer(rb"stream\r?\n", pdf):
        start = m.end()
        end = pdf.find(b"endstream", start)
        raw = pdf[start:end].rstrip(b"\r\n")
        head = pdf[max(0, m.start() - 300):m.start()]
        if b"/FlateDecode" in head.rsplit(b"obj", 1)[-1]:
            try:
                raw = zlib.decompress(raw)
            except zlib.error:
                continue
        out.append(raw)
    return out


def _cmap(stream: bytes) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", stream, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[src.decode().upper()] = bytes.fromhex(dst.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", stream, re.S):
        for lo, hi, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            width = len(lo)
            base = int(dst, 16)
            for i, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                mapping[f"{code:0{width}X}"] = chr(base + i)
    return mapping


def text(pdf: bytes) -> str:
    streams = _streams(pdf)
    mapping: dict[str, str] = {}
    for s in streams:
        if b"begincmap" in s:
            mapping.update(_cmap(s))
    width = len(next(iter(mapping))) if mapping else 4
    words = []
    for s in streams:
        if b"BT" not in s or b"begincmap" in s:
            continue
        for hexstr in re.findall(rb"<([0-9A-Fa-f]+)>", s):
            h = hexstr.decode().upper()
            words.append("".join(mapping.get(h[i:i + width], "") for i in range(0, len(h), width)))
        words.append(" ")
    return re.sub(r"\s+", " ", "".join(words))


def xmp(pdf: bytes) -> str:
    for s in _streams(pdf):
        if b"x:xmpmeta" in s or b"pdfaid" in s:
            return s.decode("utf-8", "replace")
    return ""
