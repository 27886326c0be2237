"""Render a bulletin as HTML (the office's preview) and as PDF through WeasyPrint.

Both use the same template (`reports/_bulletin_body.html`), so the preview shows what prints.
The PDF uses installed CJK fonts: the official ones when present, else Noto CJK SC; with no
CJK font at all it refuses (`MissingFontsError`) rather than print empty boxes.
"""

import base64
from collections.abc import Mapping
from typing import Any

from django.template.loader import render_to_string

from luoshi.reports.content.bulletin import Bulletin
from luoshi.reports.content.layout import mark_size_pt, signature_indents, title_lines
from luoshi.reports.render.charts import chart_png
from luoshi.reports.render.fonts import check_cjk_fonts

__all__ = ["bulletin_context", "chart_images", "render_html", "render_pdf"]


def chart_images(bulletin: Bulletin) -> dict[str, bytes]:
    """Return every chart of the bulletin drawn as PNG, by key."""
    return {chart.key: chart_png(chart) for chart in bulletin.charts()}


def bulletin_context(bulletin: Bulletin, charts: Mapping[str, bytes]) -> dict[str, Any]:
    """Return what `reports/_bulletin_body.html` needs to lay the bulletin out."""
    issuer_right, date_right = signature_indents(bulletin.issuer, bulletin.date_text)
    return {
        "b": bulletin,
        "title_lines": title_lines(bulletin.title),
        "mark_size": mark_size_pt(bulletin.masthead.issuer_mark),
        "issuer_right": issuer_right,
        "date_right": date_right,
        "charts": {
            key: "data:image/png;base64," + base64.b64encode(png).decode("ascii")
            for key, png in charts.items()
        },
    }


def render_html(bulletin: Bulletin, charts: Mapping[str, bytes] | None = None) -> str:
    """Return the bulletin as a standalone print HTML page."""
    images = charts if charts is not None else chart_images(bulletin)
    return render_to_string("reports/bulletin_print.html", bulletin_context(bulletin, images))


def render_pdf(bulletin: Bulletin, charts: Mapping[str, bytes] | None = None) -> bytes:
    """Return the bulletin as PDF; raise MissingFontsError when no CJK font is installed."""
    check_cjk_fonts()
    from weasyprint import HTML  # noqa: PLC0415  (slow import, only when a PDF is made)

    pdf = HTML(string=render_html(bulletin, charts)).write_pdf()
    assert isinstance(pdf, bytes)
    return pdf
