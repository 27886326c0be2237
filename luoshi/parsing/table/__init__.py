"""A 任务分工表 rendered as text: one row per line, columns separated by tabs or spaces.

The table starts at a header line whose words are all column names (`序号 重点任务 牵头单位
责任单位 完成时限`); each column is mapped by its name, so the order and the names may vary
(编号, 工作任务, 牵头部门, 配合单位, 时间节点, …). A row is a line opening with the next number
(序号) and a space; its cells are split at a tab or a run of two or more spaces. A line without
a number that follows a row directly continues it: with tabs, a row short of cells takes the
next cells from it (a cell with a line break inside); otherwise each piece joins the column
whose cell on the row's first line starts nearest to it (a wrapped cell in a fixed-width
rendering). A numbered heading inside the table (`一、提升创新能力`) groups the rows below it.
The table ends at a blank line followed by anything but a row, or at an annex or note line.
"""

from luoshi.parsing.table.columns import Row, Table
from luoshi.parsing.table.placing import PlacedRow, cut_at_rows, place_rows, row_task
from luoshi.parsing.table.rows import find_tables

__all__ = ["PlacedRow", "Row", "Table", "cut_at_rows", "find_tables", "place_rows", "row_task"]
