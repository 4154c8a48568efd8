"""The layout every notice shares: A4, the built-in CID font STSong-Light (no font file to ship),
header, addressee, body, facts table, listed items, legal basis, and a signature block with the
seal and a QR code to the public progress page.

A template (kinds.py) fills a NoticeDocument; `render_pdf` turns it into PDF bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

import segno
from reportlab.lib import colors
from reportlab.lib import textsplit as rl_textsplit
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.platypus.doctemplate import LayoutError

from onewindow.notices.render.seal import draw_seal

FONT = "STSong-Light"
if FONT not in pdfmetrics.getRegisteredFontNames():
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))

# reportlab's CJK line breaking lacks the full-width comma, semicolon, colon, ！？, 》 and ”
# among the characters that may not start a line (GB/T 15834 punctuation rules): add them.
# Both modules hold their own copy of the list (single-style and mixed-style paragraphs).
for _module in (rl_textsplit, rl_paragraph):
    _module.ALL_CANNOT_START += "".join(c for c in "，；：！？》”" if c not in _module.ALL_CANNOT_START)

INK = colors.HexColor("#1a1a1a")
RULE = colors.HexColor("#b22222")


def _style(name: str, size: float, **kw) -> ParagraphStyle:
    kw.setdefault("leading", size * 1.6)
    kw.setdefault("textColor", INK)
    return ParagraphStyle(name, fontName=FONT, fontSize=size, wordWrap="CJK", **kw)


STYLES = {
    "centre": _style("centre", 12, alignment=TA_CENTER, spaceAfter=2),
    "title": _style("title", 22, alignment=TA_CENTER, leading=30, spaceBefore=4, spaceAfter=2),
    "docno": _style("docno", 10, alignment=TA_RIGHT, textColor=colors.HexColor("#555555")),
    "body": _style("body", 12, firstLineIndent=24),
    "plain": _style("plain", 12),
    "heading": _style("heading", 12, spaceBefore=6, spaceAfter=2),
    "cell": _style("cell", 10.5, leading=15),
    "basis": _style("basis", 10, leading=15, textColor=colors.HexColor("#333333")),
    "sign": _style("sign", 12, alignment=TA_CENTER),
    "small": _style("small", 8, leading=10, alignment=TA_CENTER, textColor=colors.HexColor("#555555")),
}


@dataclass
class ListSection:
    """A numbered table, e.g. the missing materials of a one-time notice."""

    heading: str
    columns: list[str]
    rows: list[list[str]]
    widths: list[float] | None = None  # fractions of the frame width


@dataclass
class NoticeDocument:
    title: str
    centre_name: str
    doc_number: str
    addressee: str
    paragraphs: list[str]
    facts: list[tuple[str, str]]
    issuer_name: str
    issued_on: dt.date
    progress_url: str
    seal_name: str | None = None
    lists: list[ListSection] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    legal_basis: list[str] = field(default_factory=list)


def chinese_date(day: dt.date | dt.datetime | None) -> str:
    if day is None:
        return "—"
    return f"{day.year}年{day.month}月{day.day}日"


def esc(text: object) -> str:
    """Paragraph takes mini-markup; data from the database is text."""
    return (str(text if text is not None else "").replace("&", "&amp;").replace("<", "&lt;")
            .replace(">", "&gt;").replace("\n", "<br/>"))


def qr_code(url: str):
    """The seam the tests watch: everything encoded in a notice's QR goes through here."""
    return segno.make(url, error="m")


class QRFlowable(Flowable):
    """A QR code drawn as vector squares (crisp at any zoom, no image library needed)."""

    def __init__(self, url: str, size: float) -> None:
        super().__init__()
        self.url, self.size = url, size
        self.width = self.height = size

    def draw(self) -> None:
        rows = [list(r) for r in qr_code(self.url).matrix_iter(scale=1, border=2)]
        cell = self.size / len(rows)
        c = self.canv
        c.setFillColor(colors.black)
        for i, row in enumerate(rows):
            y = self.size - (i + 1) * cell
            for j, dark in enumerate(row):
                if dark:
                    c.rect(j * cell, y, cell, cell, stroke=0, fill=1)


class SealFlowable(Flowable):
    """The signature lines (issuer, date) with the seal stamped over them, as on paper."""

    def __init__(self, issuer: str, issued_on: dt.date, seal_name: str | None, width: float) -> None:
        super().__init__()
        self.issuer, self.issued_on, self.seal_name = issuer, issued_on, seal_name
        self.width, self.height = width, 38 * mm

    def draw(self) -> None:
        c = self.canv
        centre_x = self.width / 2
        c.setFillColor(INK)
        c.setFont(FONT, 12)
        c.drawCentredString(centre_x, self.height * 0.55, self.issuer)
        c.drawCentredString(centre_x, self.height * 0.55 - 20, chinese_date(self.issued_on))
        if self.seal_name:
            draw_seal(c, centre_x, self.height * 0.5, 20 * mm, self.seal_name)
        else:
            c.setFont(FONT, 9)
            c.setFillColor(RULE)
            c.drawCentredString(centre_x, self.height * 0.55 - 38, "（未登记电子印章）")


def _facts_table(rows: list[tuple[str, str]], width: float) -> Table:
    data = [[Paragraph(esc(k), STYLES["cell"]), Paragraph(esc(v), STYLES["cell"])] for k, v in rows]
    table = Table(data, colWidths=[width * 0.24, width * 0.76])
    table.setStyle(_grid_style(header=False))
    return table


def _list_table(section: ListSection, width: float) -> Table:
    header = [Paragraph(esc(c), STYLES["cell"]) for c in section.columns]
    body = [[Paragraph(esc(v), STYLES["cell"]) for v in row] for row in section.rows]
    fractions = section.widths or [1 / len(section.columns)] * len(section.columns)
    table = Table([header, *body], colWidths=[width * f for f in fractions], repeatRows=1)
    table.setStyle(_grid_style(header=True))
    return table


def _grid_style(*, header: bool) -> TableStyle:
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#888888")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f0f0f0")))
    else:
        commands.append(("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f7f7f7")))
    return TableStyle(commands)


def _footer(canvas, doc) -> None:
    canvas.saveState()
    canvas.setFont(FONT, 8)
    canvas.setFillColor(colors.HexColor("#777777"))
    canvas.drawCentredString(A4[0] / 2, 12 * mm, f"{doc.notice_footer} · 第{doc.page}页")
    canvas.restoreState()


def _story(notice: NoticeDocument, width: float) -> list:
    s = STYLES
    story: list = [
        Paragraph(esc(notice.centre_name), s["centre"]),
        Paragraph(esc(notice.title), s["title"]),
        Paragraph(esc(notice.doc_number), s["docno"]),
        Spacer(1, 4 * mm),
        Paragraph(esc(notice.addressee) + "：", s["plain"]),
    ]
    story += [Paragraph(esc(p), s["body"]) for p in notice.paragraphs]
    if notice.facts:
        story += [Spacer(1, 3 * mm), _facts_table(notice.facts, width)]
    for section in notice.lists:
        story += [Paragraph(esc(section.heading), s["heading"]), _list_table(section, width)]
    if notice.closing:
        story.append(Spacer(1, 2 * mm))
        story += [Paragraph(esc(p), s["body"]) for p in notice.closing]
    # The legal basis stays on the page of the signature and seal: never a bare seal page.
    tail: list = []
    if notice.legal_basis:
        tail.append(Paragraph("法律依据：", s["heading"]))
        tail += [Paragraph(esc(line), s["basis"]) for line in notice.legal_basis]
    qr = Table(
        [[QRFlowable(notice.progress_url, 24 * mm)],
         [Paragraph("扫码查询办理进度", s["small"])],
         [Paragraph(esc(notice.progress_url), s["small"])]],
        colWidths=[width * 0.4])
    qr.setStyle(TableStyle([("ALIGN", (0, 0), (-1, -1), "LEFT"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                            ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    sign = SealFlowable(notice.issuer_name, notice.issued_on, notice.seal_name, width * 0.55)
    block = Table([[qr, sign]], colWidths=[width * 0.45, width * 0.55])
    block.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story.append(KeepTogether([*tail, Spacer(1, 4 * mm), block]))
    return story


def render_pdf(notice: NoticeDocument) -> bytes:
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm, topMargin=20 * mm,
                            bottomMargin=20 * mm, title=notice.title, author=notice.centre_name,
                            subject=notice.doc_number, creator="onewindow")
    doc.notice_footer = f"{notice.title} {notice.doc_number}"
    try:
        doc.build(_story(notice, doc.width), onFirstPage=_footer, onLaterPages=_footer)
    except LayoutError as exc:  # a cell too tall for a page: say which notice, not a bare reportlab error
        raise ValueError(f"cannot lay out {notice.title} {notice.doc_number}: {exc}") from exc
    return buf.getvalue()
