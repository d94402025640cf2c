# SPDX-License-Identifier: MPL-2.0
"""Write generated records as a canonical interchange file, streaming.

The canonical order (docs/interchange.md) is: header, then records in
TYPE_ORDER, each type sorted by id, keys sorted. The generator emits every
type's ids in ascending order (organisation first, then family by family;
municipalities in ascending code order), so each type is spooled to its own
temporary file and the files are joined in type order: memory stays flat
however big the data. Output is byte for byte what
`forebyg.domain.interchange.dump_lines` would give for the same records.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from forebyg.domain.interchange.schema import FORMAT_NAME, FORMAT_VERSION, TYPE_ORDER

_encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def write_jsonl(
    path: str | Path,
    records: Iterable[dict[str, Any]],
    *,
    exported_at: str,
    municipalities: Iterable[int],
) -> dict[str, int]:
    """Write the file and return the number of records per type.

    Raises ValueError when the records of a type do not come in ascending id
    order (records not made by this generator: sort them with `dump_lines`).
    """
    counts = dict.fromkeys(TYPE_ORDER, 0)
    last: dict[str, str] = {}
    header = {"type": "header", "format": FORMAT_NAME, "version": FORMAT_VERSION,
              "exported_at": exported_at, "municipalities": sorted(municipalities)}
    with tempfile.TemporaryDirectory(prefix="forebyg-synth-") as tmp:
        spools: dict[str, IO[str]] = {
            t: open(Path(tmp) / f"{i:02d}.jsonl", "w", encoding="utf-8")
            for i, t in enumerate(TYPE_ORDER)
        }
        try:
            for record in records:
                rtype, rid = record["type"], record["id"]
                if rid <= last.get(rtype, ""):
                    raise ValueError(f"{rtype} ids are not ascending at {rid!r}")
                last[rtype] = rid
                counts[rtype] += 1
                spools[rtype].write(_encode(record) + "\n")
        finally:
            for fh in spools.values():
                fh.close()
        with open(path, "w", encoding="utf-8") as out:
            out.write(_encode(header) + "\n")
            for i, _t in enumerate(TYPE_ORDER):
                with open(Path(tmp) / f"{i:02d}.jsonl", encoding="utf-8") as part:
                    shutil.copyfileobj(part, out, 1 << 20)
    return {t: n for t, n in counts.items() if n}
