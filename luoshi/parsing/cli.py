"""`luoshi parse FILE`: print a policy document's plan as JSON, Markdown or Excel."""

import argparse
import json
import sys
from pathlib import Path

from luoshi.parsing.export import plan_to_markdown, plan_to_xlsx
from luoshi.parsing.pipeline import parse_text
from luoshi.parsing.registry import RegistryError, default_registry_paths, load_registry
from luoshi.parsing.sources import SourceError, read_source

EXIT_BAD_INPUT = 2

_EPILOG = """\
formats:
  json  the plan (plan.schema.json), pretty-printed UTF-8, to stdout or -o
  md    the 任务分工表 and 量化目标 tables in Markdown, to stdout or -o
  xlsx  an Excel workbook (sheets 任务分工, 量化目标, 待确认); written to -o, or to
        <stem>.xlsx beside the input file when -o is not given
registry:
  unit names are matched against every luoshi/data/unit_registry/*.json unless
  --registry names the files to use (repeat it for several)
exit status: 0 on success, 2 when the input cannot be read (one line on stderr)
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="luoshi parse",
        description="Read a Chinese policy document (.txt, .html, .docx) into a plan.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", type=Path, help="the document: .txt, .html or .docx")
    parser.add_argument("--format", choices=("json", "md", "xlsx"), default="json")
    parser.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    parser.add_argument(
        "--registry", type=Path, action="append", help="unit registry JSON file (repeatable)"
    )
    return parser


def _fail(message_zh: str, message_en: str) -> int:
    sys.stderr.write(f"错误：{message_zh} / error: {message_en}" + "\n")
    return EXIT_BAD_INPUT


def main(argv: list[str] | None = None) -> int:
    """Run `luoshi parse` with the arguments after the word `parse`; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        text = read_source(args.file)
    except SourceError as error:
        sys.stderr.write(error.line() + "\n")
        return EXIT_BAD_INPUT
    if not text.strip():
        return _fail(f"文件没有内容：{args.file}", f"the document is empty: {args.file}")
    try:
        registry = load_registry(args.registry or default_registry_paths())
    except RegistryError as error:
        return _fail(f"单位名录无法读取：{error}", f"cannot read the unit registry: {error}")
    plan = parse_text(text, registry)
    try:
        if args.format == "xlsx":
            output = args.output or args.file.with_suffix(".xlsx")
            output.write_bytes(plan_to_xlsx(plan))
            sys.stderr.write(f"已写入 / written: {output}" + "\n")
            return 0
        if args.format == "md":
            rendered = plan_to_markdown(plan)
        else:
            rendered = json.dumps(plan.to_dict(), ensure_ascii=False, indent=2)
        if args.output is not None:
            args.output.write_text(rendered + "\n", encoding="utf-8")
        else:
            sys.stdout.write(rendered + "\n")
    except OSError as error:
        target = error.filename or args.output
        return _fail(f"无法写入 {target}", f"cannot write {target}: {error.strerror}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
