"""Completion deadlines stated in a task's text: 2018年底前, 2022年6月, 12月底前."""

import re
from datetime import date

from luoshi.parsing.normalize import fold

_DEADLINE = re.compile(
    r"(?P<y>\d{4})[ ]*年[ ]*(?:(?P<m>\d{1,2})[ ]*月(?:[ ]*(?P<d>\d{1,2})[ ]*日)?"
    r"|(?P<h>上半年|下半年|[一二三四1-4]季度|第[一二三四1-4]季度))?"
    r"(?P<tail>[ ]*(?:年)?(?:底|末)?[ ]*(?:前|以前|之前)|[ ]*(?:年)?(?:底|末)|[ ]*内完成)"
)
_DEADLINE_LABEL = re.compile(
    r"完成(?:时限|时间)[ ]*:[ ]*(?P<y>\d{4})[ ]*年(?:(?P<m>\d{1,2})[ ]*月)?"
)
_QUARTER_END = {"一": 3, "1": 3, "二": 6, "2": 6, "三": 9, "3": 9, "四": 12, "4": 12}
# 省编办牵头的工作, 省发展改革委负责的事项: a heading that names the lead of what follows.
_MONTH_END = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _month_end(year: int, month: int) -> date:
    leap = month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return date(year, month, _MONTH_END[month - 1] + (1 if leap else 0))


# 12月底前, 6月30日前: a deadline whose year the context gives.
_MONTH_DEADLINE = re.compile(
    r"(?<![0-9年])(?P<m>[0-9]{1,2})[ ]*月(?:[ ]*(?P<d>[0-9]{1,2})[ ]*日)?"
    r"[ ]*(?:底|末)?[ ]*(?:前|以前|之前)"
)
_STATED_YEAR = re.compile(r"(?P<y>(?:19|20)[0-9]{2})[ ]*年")


def find_deadline(key: str, year: int | None = None) -> str | None:
    """Return the latest completion deadline stated in folded task text, as ISO date.

    A deadline without a year (12月底前) takes the nearest year stated before it in the text,
    else `year` (the document's); with neither it is left out.
    """
    found: list[date] = []
    for match in _MONTH_DEADLINE.finditer(key):
        stated = list(_STATED_YEAR.finditer(key, 0, match.start()))
        in_force = int(stated[-1]["y"]) if stated else year
        month = int(match["m"])
        if in_force is None or not 1 <= month <= 12:
            continue
        day = int(match["d"]) if match["d"] else 0
        try:
            found.append(date(in_force, month, day) if day else _month_end(in_force, month))
        except ValueError:
            continue
    for match in [*_DEADLINE.finditer(key), *_DEADLINE_LABEL.finditer(key)]:
        year = int(match.group("y"))
        month = int(match.group("m")) if match.group("m") else 12
        half = match.groupdict().get("h")
        if half:
            month = 6 if half == "上半年" else 12 if half == "下半年" else _QUARTER_END[half[-3]]
        if not 1900 < year < 2200 or not 1 <= month <= 12:
            continue
        day = int(match.group("d")) if match.groupdict().get("d") else 0
        try:
            found.append(date(year, month, day) if day else _month_end(year, month))
        except ValueError:
            continue
    return max(found).isoformat() if found else None


def title_year(title: str | None) -> int | None:
    """Return the one year a title states (2023年重点工作任务分解), or None."""
    years = {found["y"] for found in _STATED_YEAR.finditer(fold(title or ""))}
    return int(years.pop()) if len(years) == 1 else None
