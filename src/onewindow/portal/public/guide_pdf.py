"""The printable guide (办事指南) as PDF: the same published ItemVersion the counter accepts under,
laid out with the notices' A4 frame and built-in CID font (STSong-Light, no font file to ship).

With the questionnaire's answers it also prints the applicant's own material checklist.
"""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from onewindow.catalogue.listing import Guide
from onewindow.catalogue.models import Material
from onewindow.core.timeutil import today
from onewindow.notices.render.layout import FONT, STYLES, esc
from onewindow.portal.public.guide_facts import guide_sections, material_row

MATERIAL_COLUMNS = ["序号", "材料名称", "形式及份数", "要求", "来源"]
MATERIAL_WIDTHS = [0.07, 0.27, 0.16, 0.34, 0.16]


def _table(rows: list[list[str]], widths: list[float], frame: float) -> Table:
    data = [[Paragraph(esc(v), STYLES["cell"]) for v in row] for row in rows]
    table = Table(data, colWidths=[frame * w for w in widths], repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, "#888888"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), "#f0f0f0"),
    ]))
    return table


def _materials_table(materials: list[Material], frame: float) -> Table:
    rows = [MATERIAL_COLUMNS]
    for n, m in enumerate(materials, start=1):
        r = material_row(m)
        rows.append([str(n), r["name"], r["form"], r["standard"], r["source"]])
    return _table(rows, MATERIAL_WIDTHS, frame)


def guide_pdf(*, guide: Guide, checklist: list[Material] | None = None) -> bytes:
    """PDF bytes of the guide; `checklist` (the tailored material list) adds a personal section."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=18 * mm, bottomMargin=20 * mm, title=f"{guide.version.name} 办事指南",
                            author=guide.item.centre.name, subject="办事指南")
    frame = doc.width
    version = guide.version
    story: list = [
        Paragraph(esc(guide.item.centre.standard_name or guide.item.centre.name), STYLES["centre"]),
        Paragraph(esc(f"{version.name}办事指南"), STYLES["title"]),
        Paragraph(esc(f"实施编码 {guide.item.implementation_code} · 第{version.number}版 · "
                      f"打印日期 {today():%Y-%m-%d}"), STYLES["docno"]),
        Spacer(1, 4 * mm),
    ]
    if checklist is not None:
        story += [Paragraph("您的材料清单（按所选情形生成）", STYLES["heading"]),
                  _materials_table(checklist, frame), Spacer(1, 4 * mm)]
    for title, lines in guide_sections(guide):
        story.append(Paragraph(esc(title), STYLES["heading"]))
        if title == "申请材料":
            story.append(_materials_table(guide.materials, frame))
            continue
        for line in lines or ["无"]:
            story.append(Paragraph(esc(line), STYLES["plain"]))
    doc.build(story, onFirstPage=_footer, onLaterPages=_footer)
    return buffer.getvalue()


def _footer(canvas, doc) -> None:
    canvas.saveState()
    canvas.setFont(FONT, 8)
    canvas.drawCentredString(A4[0] / 2, 12 * mm, f"以政务服务中心公布的最新版本为准 · 第{doc.page}页")
    canvas.restoreState()
