"""`luoshi parse`: formats, registry choice, and one-line errors with exit status 2."""

import json
from pathlib import Path

import jsonschema  # type: ignore[import-untyped]
import pytest
from openpyxl import load_workbook

from luoshi.parsing.cli import main

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden"
STATE_COUNCIL = GOLDEN / "state-council-2018-farm-machinery.txt"


def test_json_is_valid_against_the_plan_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(STATE_COUNCIL)]) == 0
    plan = json.loads(capsys.readouterr().out)
    schema = json.loads((ROOT / "data" / "plan.schema.json").read_text("utf-8"))
    jsonschema.validate(plan, schema)
    assert plan["doc_number"] == "国发〔2018〕42号"
    assert len(plan["tasks"]) == 18


def test_json_maps_units_with_the_shipped_registries(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(STATE_COUNCIL)]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["tasks"][0]["canonical"]["工业和信息化部"] == "工业和信息化部"
    assert not [w for w in plan["warnings"] if w.startswith("未识别的单位")]


def test_registry_option_chooses_the_registry(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    registry = tmp_path / "r.json"
    registry.write_text(json.dumps({"name": "r", "units": [{"name": "科技部"}]}), "utf-8")
    assert main([str(STATE_COUNCIL), "--registry", str(registry)]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["tasks"][0]["canonical"] == {
        "工业和信息化部": None,
        "发展改革委": None,
        "科技部": "科技部",
        "农业农村部": None,
    }


def test_markdown_prints_the_task_table_and_the_target_table(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([str(STATE_COUNCIL), "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert "| 序号 | 条款 | 重点任务 | 牵头单位 | 责任单位 | 完成时限 |" in out
    assert (
        "| 1 | 二/（三） | 完善农机装备创新体系 | 工业和信息化部 | "
        "工业和信息化部、发展改革委、科技部、农业农村部 |   |" in out
    )
    assert "## 量化目标" in out


def test_xlsx_is_written_beside_the_input_without_output(tmp_path: Path) -> None:
    source = tmp_path / "doc.txt"
    source.write_bytes(STATE_COUNCIL.read_bytes())
    assert main([str(source), "--format", "xlsx"]) == 0
    workbook = load_workbook(tmp_path / "doc.xlsx")
    tasks = workbook["任务分工"]
    assert [c.value for c in tasks[1]] == [
        "序号",
        "条款",
        "重点任务",
        "牵头单位",
        "责任单位",
        "完成时限",
    ]
    assert tasks.max_row == 19
    assert tasks.freeze_panes == "A2"
    assert tasks.print_title_rows == "$1:$1"
    assert tasks.page_setup.orientation == "landscape"
    assert tasks["A1"].font.bold
    assert workbook["量化目标"]["A1"].value == "指标"


def test_xlsx_goes_to_the_output_path(tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    assert main([str(STATE_COUNCIL), "--format", "xlsx", "-o", str(out)]) == 0
    assert load_workbook(out).sheetnames[:2] == ["任务分工", "量化目标"]


def test_missing_file_exits_2_with_one_bilingual_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "x.txt"
    assert main([str(missing)]) == 2
    err = capsys.readouterr().err
    assert err == f"错误：找不到文件 {missing} / error: file not found: {missing}\n"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", "  \n\u3000\n".encode(), "error: the document is empty"),
        ("x.pdf", b"%PDF-1.4", "error: unsupported file type: .pdf"),
        (
            "bad.txt",
            b"\x81\x20" * 4 + b"\xff\xfe\xfd" * 3,
            "error: cannot detect the text encoding",
        ),
    ],
)
def test_bad_input_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, message: str
) -> None:
    (tmp_path / name).write_bytes(data)
    assert main([str(tmp_path / name)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("错误：")
    assert message in err
