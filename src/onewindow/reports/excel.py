"""The monthly report as an .xlsx laid out like seed 001's evaluation-indicator attachments
(附件1–3: 序号 · 评价指标 · 目标值 · 实际值 · 是否达标), followed by sheets of the breakdowns."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

MEASURE_HEADERS = (("received", "收件"), ("accepted", "受理"), ("decided", "决定"), ("concluded", "办结"),
                   ("refused", "不予受理"), ("returned", "退办"), ("on_time_rate", "按时办结率"),
                   ("early_rate", "提前办结率"), ("avg_working_days", "平均用时(工作日)"))


def fmt_value(value: Any, unit: str) -> Any:
    if value is None:
        return "n/a"
    if unit == "rate":
        return f"{value * 100:.1f}%"
    return value


def fmt_target(ind: dict[str, Any]) -> str:
    if ind["target"] is None:
        return "—"
    op = "≥" if ind["op"] == ">=" else "≤"
    return f"{op}{ind['target'] * 100:.0f}%" if ind["unit"] == "rate" else f"{op}{ind['target']}"


def fmt_met(met: bool | None) -> str:
    return "—" if met is None else ("达标" if met else "未达标")


def _title(ws, text: str, width: int) -> None:
    ws.append([text])
    ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=width)
    ws.cell(ws.max_row, 1).font = Font(bold=True, size=14)
    ws.cell(ws.max_row, 1).alignment = Alignment(horizontal="center")


def _header(ws, cells: list[str]) -> None:
    ws.append(cells)
    for i in range(1, len(cells) + 1):
        ws.cell(ws.max_row, i).font = Font(bold=True)


def _table(wb: Workbook, title: str, rows: list[dict[str, Any]], key_header: str) -> None:
    ws = wb.create_sheet(title)
    _header(ws, [key_header, *[h for _, h in MEASURE_HEADERS]])
    for r in rows:
        ws.append([r.get("name", ""), *[fmt_value(r.get(k), "rate" if k.endswith("_rate") else "")
                                         for k, _ in MEASURE_HEADERS]])
    ws.column_dimensions["A"].width = 40


def _flatten(tree: list[dict[str, Any]], depth: int = 0) -> list[dict[str, Any]]:
    out = []
    for node in tree:
        out.append({**node, "name": "　" * depth + node["name"]})
        out.extend(_flatten(node.get("children", []), depth + 1))
    return out


def render_xlsx(data: dict[str, Any], *, version: int | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "评价指标"
    scope = data["centre"]["name"] + (f" · {data['department']['name']}" if data.get("department") else "")
    _title(ws, f"{scope} {data['month']} 月度统计报表", 6)
    ws.append([f"统计期间：{data['period_start']} 至 {data['period_end']}"
               + (f"　版本：{version}" if version else "")])
    _header(ws, ["序号", "评价指标", "目标值", "实际值", "是否达标", "依据"])
    for n, ind in enumerate(data["indicators"], start=1):
        ws.append([n, ind["name"], fmt_target(ind), fmt_value(ind["value"], ind["unit"]), fmt_met(ind["met"]),
                   ind["seed"]])
    for col, width in zip("ABCDEF", (6, 36, 10, 12, 10, 24), strict=True):
        ws.column_dimensions[col].width = width
    if data.get("departments") is not None:
        _table(wb, "按部门", data["departments"], "部门")
        _table(wb, "按窗口", data["windows"], "窗口")
        _table(wb, "按人员", data["staff"], "工作人员")
        _table(wb, "按事项", data["items"], "事项")
    if data.get("tree"):
        _table(wb, "按中心(逐级汇总)", _flatten(data["tree"]), "服务中心")
        _table(wb, "按层级", [{**r, "name": r["level_name"]} for r in data.get("levels", [])], "层级")
    for sheet in wb.worksheets[1:]:
        for i in range(2, len(MEASURE_HEADERS) + 2):
            sheet.column_dimensions[get_column_letter(i)].width = 12
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
