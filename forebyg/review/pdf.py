# SPDX-License-Identifier: MPL-2.0
"""PDF output with WeasyPrint, failing gracefully.

WeasyPrint needs system libraries (Pango) and at least one font. When either
is missing, or rendering fails, `render_pdf` returns no PDF and a reason; the
view then shows the printable HTML page with the reason, so the report can
still be printed to PDF from the browser.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

CSS_PATH = Path(__file__).resolve().parent / "static" / "review" / "pdf.css"


@dataclass(frozen=True)
class PdfResult:
    pdf: bytes | None
    problem: str | None = None


def render_pdf(html: str, *, base_url: str | None = None) -> PdfResult:
    """The PDF of `html`, styled with static/review/pdf.css (given to WeasyPrint directly: it never
    fetches anything over the network), or the reason why there is none."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango or another system library is missing
        log.warning("WeasyPrint is not available: %s", exc)
        return PdfResult(None, f"WeasyPrint is not available on the server ({exc.__class__.__name__}).")
    try:
        css = weasyprint.CSS(string=CSS_PATH.read_text(encoding="utf-8"))
        document = weasyprint.HTML(string=html, base_url=base_url).render(stylesheets=[css])
        pdf = document.write_pdf()
    except Exception as exc:  # noqa: BLE001  (any rendering error: show the HTML instead)
        log.exception("PDF rendering failed")
        return PdfResult(None, f"The PDF could not be made ({exc.__class__.__name__}).")
    if not document.fonts:
        log.warning("PDF rendered without any font: install a font package such as fonts-dejavu-core")
        return PdfResult(None, "No fonts are installed on the server (e.g. the Debian package fonts-dejavu-core).")
    return PdfResult(pdf)
