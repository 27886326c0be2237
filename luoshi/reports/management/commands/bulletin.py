"""`luoshi bulletin --program P --period 2019Q4 [--format docx|pdf|xlsx] [-o OUT] [--issue]`.

Renders the period's bulletin without storing anything (or, with --issue, issues the draft
and stores its files). `--samples DIR` writes the committed samples: .docx, .pdf and the
first pages as PNG (pdftoppm).
"""

import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from luoshi.core.periods import Period, parse_period
from luoshi.plans.models import Program
from luoshi.reports import actions
from luoshi.reports.content.bulletin import build_bulletin
from luoshi.reports.documents import render_file
from luoshi.reports.exports import export_workbook
from luoshi.reports.options import default_options
from luoshi.reports.render.fonts import MissingFontsError
from luoshi.reports.summary import program_summary
from luoshi.supervision.queries import local_today

FORMATS = ("docx", "pdf", "xlsx")
SAMPLE_PAGES = 2


class Command(BaseCommand):
    help = "Render a program's bulletin (通报) for a period as .docx, .pdf or .xlsx."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--program", required=True, help="program slug")
        parser.add_argument("--period", required=True, help="2019Q4, 2019H2, 2019 or 2019-12")
        parser.add_argument("--format", choices=FORMATS, default="docx")
        parser.add_argument("-o", "--output", help="output file (default bulletin-PERIOD.EXT)")
        parser.add_argument(
            "--date",
            type=date.fromisoformat,
            help="成文日期 and the day the numbers are judged on (default today)",
        )
        parser.add_argument(
            "--number", type=int, default=1, help="document number N in 〔year〕N号"
        )
        parser.add_argument(
            "--issue", action="store_true", help="issue the draft: store .docx and .pdf"
        )
        parser.add_argument(
            "--samples", metavar="DIR", help="write bulletin-PERIOD.docx/.pdf and page PNGs to DIR"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        program = Program.objects.filter(slug=options["program"]).first()
        if program is None:
            raise CommandError(
                f"Unknown program {options['program']!r} (run `manage.py load_default_program`)."
            )
        try:
            period = parse_period(options["period"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        day: date = options["date"] or local_today()
        if options["issue"]:
            self._issue(program, period, day)
            return
        if options["samples"]:
            self._samples(program, period, day, options["number"], Path(options["samples"]))
            return
        fmt = options["format"]
        out = Path(options["output"] or f"bulletin-{period}.{fmt}")
        if fmt == "xlsx":
            data = export_workbook(program, period, "all", today=day)
        else:
            summary = program_summary(program, period, today=day)
            content = build_bulletin(
                summary, {}, default_options(program, day=day, number=options["number"])
            )
            data = self._render(content, fmt)
        out.write_bytes(data)
        self.stdout.write(self.style.SUCCESS(f"{out} ({len(data):,} bytes)"))

    def _render(self, content: Any, fmt: str) -> bytes:
        try:
            return render_file(content, fmt)
        except MissingFontsError as error:
            raise CommandError(str(error)) from None

    def _issue(self, program: Program, period: Period, day: date) -> None:
        try:
            draft = actions.do_create_bulletin_draft(program, period, today=day, acting_user=None)
            issued = actions.do_issue_bulletin(draft, today=day, acting_user=None)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Issued {issued.title} v{issued.version}: {issued.docx_file.name}, "
                f"{issued.pdf_file.name}"
            )
        )

    def _samples(
        self, program: Program, period: Period, day: date, number: int, folder: Path
    ) -> None:
        if shutil.which("pdftoppm") is None:
            raise CommandError("pdftoppm is missing: apt-get install poppler-utils")
        folder.mkdir(parents=True, exist_ok=True)
        summary = program_summary(program, period, today=day)
        content = build_bulletin(summary, {}, default_options(program, day=day, number=number))
        stem = folder / f"bulletin-{period}"
        for fmt in ("docx", "pdf"):
            path = stem.with_suffix(f".{fmt}")
            path.write_bytes(self._render(content, fmt))
            self.stdout.write(f"{path}")
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    "100",
                    "-f",
                    "1",
                    "-l",
                    str(SAMPLE_PAGES),
                    str(stem.with_suffix(".pdf")),
                    f"{tmp}/page",
                ],
                check=True,
            )
            for index, page in enumerate(sorted(Path(tmp).glob("page-*.png")), 1):
                target = folder / f"bulletin-{period}-page{index}.png"
                shutil.copyfile(page, target)
                self.stdout.write(f"{target}")
        self.stdout.write(self.style.SUCCESS("Samples written."))
