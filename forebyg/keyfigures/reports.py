# SPDX-License-Identifier: MPL-2.0
"""Exports of the figures a user sees: CSV, Excel (openpyxl) and a printable PDF report
(WeasyPrint; when it cannot render here, the caller shows the printable HTML instead)."""

from __future__ import annotations

import base64
import csv
import io
import logging
from collections.abc import Sequence
from typing import Any

from forebyg.domain.keyfigures.catalogue import CATALOGUE_VERSION, INDICATORS

log = logging.getLogger(__name__)
COLUMNS = ["indicator", "name", "unit_of_measure", "unit_kind", "unit", "period", "value", "numerator", "denominator",
           "count"]


def _rows(table: Sequence[tuple[Any, Any]], unit, language: str) -> list[list[Any]]:  # noqa: ANN001
    return [[ind.id, ind.name(language), ind.unit, unit.kind, unit.id, pt.period, pt.value, pt.numerator,
             pt.denominator, pt.count] for ind, pt in table]


def csv_bytes(table, unit, language: str) -> bytes:  # noqa: ANN001
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(COLUMNS)
    w.writerows(_rows(table, unit, language))
    return out.getvalue().encode("utf-8")


def xlsx_bytes(table, unit, language: str, *, title: str, periods: Sequence[str], labels: dict[str, str]) -> bytes:  # noqa: ANN001
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    overview = wb.active
    overview.title = labels["overview"][:31]
    overview.append([title])
    overview["A1"].font = Font(bold=True, size=13)
    overview.append([labels["indicator"], labels["unit"], *periods])
    for cell in overview[2]:
        cell.font = Font(bold=True)
    values: dict[tuple[str, str], float | None] = {(ind.id, pt.period): pt.value for ind, pt in table}
    for ind in INDICATORS:
        if any((ind.id, p) in values for p in periods):
            overview.append([ind.name(language), ind.unit, *[values.get((ind.id, p)) for p in periods]])
    overview.column_dimensions["A"].width = 60
    data = wb.create_sheet(labels["data"][:31])
    data.append(COLUMNS)
    for row in _rows(table, unit, language):
        data.append(row)
    cat = wb.create_sheet(labels["catalogue"][:31])
    cat.append(["id", "version", "name_da", "name_en", "what", "why", "numerator", "denominator", "unit", "period",
                "better", "legal"])
    for ind in INDICATORS:
        cat.append([ind.id, ind.version, ind.name_da, ind.name_en, ind.what, ind.why, ind.numerator, ind.denominator,
                    ind.unit, ind.period, ind.better, ind.legal])
    cat.append([])
    cat.append([f"Catalogue version {CATALOGUE_VERSION}; docs/keyfigures.md"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def pdf_bytes(html: str, base_url: str | None = None) -> bytes | None:
    """The PDF of a self-contained HTML report, or None when WeasyPrint cannot render here
    (missing system libraries or fonts); the caller then serves the HTML to print from the browser."""
    try:
        from weasyprint import HTML

        return HTML(string=html, base_url=base_url).write_pdf()
    except Exception:  # noqa: BLE001 - any failure of the renderer means: fall back to HTML
        log.exception("WeasyPrint could not render the key-figure report; serving printable HTML instead")
        return None
