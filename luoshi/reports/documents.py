"""From a Bulletin row to its content and files: the one path every page, command and API takes."""

from dataclasses import dataclass

from luoshi.reports.content.bulletin import Bulletin as BulletinContent
from luoshi.reports.content.bulletin import BulletinOptions, build_bulletin
from luoshi.reports.content.summary_data import ProgramSummary
from luoshi.reports.models import Bulletin
from luoshi.reports.render.docx import render_docx
from luoshi.reports.render.pdf import chart_images, render_pdf
from luoshi.reports.summary import program_summary

__all__ = ["FORMATS", "Built", "build_for", "options_of", "render_file"]

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@dataclass(frozen=True)
class Built:
    summary: ProgramSummary
    content: BulletinContent


def options_of(bulletin: Bulletin) -> BulletinOptions:
    """Return the issuer, number and addressees the office set on the row."""
    return BulletinOptions(
        issuer=bulletin.issuer,
        issuer_mark=bulletin.issuer_mark,
        doc_number=bulletin.doc_number,
        addressees=bulletin.addressees,
        cc=bulletin.cc,
        printer=bulletin.printer,
        date=bulletin.bulletin_date,
    )


def build_for(bulletin: Bulletin) -> Built:
    """Return the summary and content of the bulletin, numbers as of its `as_of` day."""
    summary = program_summary(bulletin.program, bulletin.period_obj, today=bulletin.as_of)
    content = build_bulletin(summary, bulletin.narrative_overrides, options_of(bulletin))
    return Built(summary, content)


def render_file(content: BulletinContent, file_format: str) -> bytes:
    """Return the content rendered in a format: docx or pdf (charts drawn once)."""
    charts = chart_images(content)
    if file_format == "docx":
        return render_docx(content, charts)
    if file_format == "pdf":
        return render_pdf(content, charts)
    raise ValueError(f"unknown bulletin format {file_format!r}: use docx or pdf")
