# SPDX-License-Identifier: MPL-2.0
"""The child's case record (sagsforløb): everything recorded about the child in time order, with
what was written in full, to read on screen, print, or save as PDF (issue #15). The same access rule
and access log as the child's file."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from forebyg.core import clock

from ..selectors.child import child_page
from .common import get_child

PRINT_CSS = """
@page { size: A4; margin: 18mm 15mm; @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; } }
body { font: 10pt/1.4 sans-serif; color: #111; }
h1 { font-size: 16pt; margin: 0 0 4pt; } .muted { color: #555; }
ol.record { list-style: none; padding: 0; }
ol.record li { border-top: 1px solid #bbb; padding: 4pt 0; break-inside: avoid; }
ol.record time { font-variant-numeric: tabular-nums; color: #333; }
.written { margin: 2pt 0 0 10pt; border-left: 2pt solid #bbb; padding-left: 6pt; }
"""


@login_required
def child_record(request, pk):
    pdf = request.GET.get("format") == "pdf"
    child = get_child(request, pk, "child.record.pdf" if pdf else "child.record")
    page = child_page(child)
    ctx = {"child": child, "events": page["timeline"], "open_case": page["open_case"], "printed_at": clock.now(),
           "by": request.user}
    if not pdf:
        return render(request, "cases/case_record.html", ctx)
    from weasyprint import CSS, HTML

    html = render_to_string("cases/case_record_print.html", ctx, request=request)
    body = HTML(string=html, base_url=None).write_pdf(stylesheets=[CSS(string=PRINT_CSS)])
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="sagsforloeb-{child.pk}.pdf"'
    return response
