# SPDX-License-Identifier: MPL-2.0
"""A table as a CSV or Excel download, with every text cell kept from being run as a formula by a
spreadsheet program (CSV/formula injection: names and reasons come from forms)."""

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import Http404, HttpResponse

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value: Any) -> Any:
    """Text that a spreadsheet program would read as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def table_response(*, fmt: str, filename: str, header: Sequence[Any], rows: Iterable[Sequence[Any]],
                   sheet_title: str = "Ark1", delimiter: str = ",") -> HttpResponse:
    """`fmt` "csv" (UTF-8 with a byte-order mark, so Excel reads æ, ø and å) or "xlsx"; anything
    else is a 404. The file is offered as an attachment named `filename`.`fmt`."""
    if fmt == "xlsx":
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet(str(sheet_title)[:31])
        ws.append([str(h) for h in header])
        for row in rows:
            ws.append([safe_cell(v) for v in row])
        out = io.BytesIO()
        wb.save(out)
        response = HttpResponse(out.getvalue(), content_type=XLSX)
    elif fmt == "csv":
        text = io.StringIO()
        writer = csv.writer(text, delimiter=delimiter)
        writer.writerow([str(h) for h in header])
        writer.writerows([safe_cell(v) for v in row] for row in rows)
        response = HttpResponse("\ufeff" + text.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
