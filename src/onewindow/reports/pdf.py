"""A one-page PDF summary of a monthly report (A4, the built-in CID font STSong-Light)."""

from __future__ import annotations

import io
from html import escape
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from onewindow.reports.excel import fmt_met, fmt_target, fmt_value

FONT = "STSong-Light"
if FONT not in pdfmetrics.getRegisteredFontNames():
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def render_pdf(data: dict[str, Any], *, version: int | None = None) -> bytes:
    buf = io.BytesIO()
    scope = data["centre"]["name"] + (f" · {data['department']['name']}" if data.get("department") else "")
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm,
                            bottomMargin=18 * mm, title=f"{scope} {data['month']} 月度统计报表")
    title = ParagraphStyle("t", fontName=FONT, fontSize=16, leading=22, alignment=1)
    body = ParagraphStyle("b", fontName=FONT, fontSize=10, leading=14)
    rows = [["序号", "评价指标", "目标值", "实际值", "是否达标"]]
    for n, ind in enumerate(data["indicators"], start=1):
        rows.append([str(n), Paragraph(escape(ind["name"]), body), fmt_target(ind),
                     str(fmt_value(ind["value"], ind["unit"])), fmt_met(ind["met"])])
    table = Table(rows, colWidths=[12 * mm, 80 * mm, 24 * mm, 30 * mm, 22 * mm], repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 10),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    story = [Paragraph(f"{escape(scope)}<br/>{data['month']} 月度统计报表", title), Spacer(1, 6 * mm),
             Paragraph(f"统计期间：{data['period_start']} 至 {data['period_end']}"
                       + (f"　版本：{version}" if version else ""), body), Spacer(1, 4 * mm), table]
    failed = [i["name"] for i in data["indicators"] if i["met"] is False]
    story += [Spacer(1, 4 * mm), Paragraph("未达标指标：" + ("、".join(failed) if failed else "无"), body)]
    doc.build(story)
    return buf.getvalue()
