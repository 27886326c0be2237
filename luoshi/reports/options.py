"""Default issuer, document number and addressees of a program's bulletins (office-editable)."""

from datetime import date

from luoshi.plans.models import Program
from luoshi.reports.content.bulletin import BulletinOptions

__all__ = ["default_options", "doc_number_for"]

GANSU = "620000"

# The Gansu program is run by the provincial cyberspace office (省委网信办), which numbers its
# documents 甘网信办〔year〕N号.
_BY_REGION = {
    GANSU: {
        "issuer": "中共甘肃省委网络安全和信息化委员会办公室",
        "issuer_mark": "中共甘肃省委网信办文件",
        "prefix": "甘网信办",
        "addressees": "各市州人民政府，兰州新区管委会，省直有关部门，中央在甘有关单位",
        "cc": "省委办公厅，省政府办公厅，省委网信委各成员单位",
        "printer": "中共甘肃省委网信办秘书处",
    }
}


def doc_number_for(program: Program, year: int, number: int) -> str:
    """Return the document number (文号) the program's bulletins use, e.g. 甘网信办〔2020〕3号."""
    prefix = _defaults(program).get("prefix", "落实办")
    return f"{prefix}〔{year}〕{number}号"


def _defaults(program: Program) -> dict[str, str]:
    code = program.region.code if program.region is not None else ""
    return _BY_REGION.get(code, {})


def default_options(program: Program, *, day: date, number: int = 1) -> BulletinOptions:
    """Return the bulletin options a new draft starts from."""
    known = _defaults(program)
    issuer = known.get("issuer", "落实工作领导小组办公室")
    return BulletinOptions(
        issuer=issuer,
        issuer_mark=known.get("issuer_mark", ""),
        doc_number=doc_number_for(program, day.year, number),
        addressees=known.get("addressees", "各有关单位"),
        cc=known.get("cc", ""),
        printer=known.get("printer", issuer),
        date=day,
    )
