"""The licence as a PDF: A4, STSong-Light, title = licence name, holder, fields, identifier, validity,
issuer with the seal drawn over the date, and a QR code to the public verification page.

The building blocks (font, QR flowable, seal drawing) are the notices app's, so every document of a
centre looks the same. `invariant` makes the bytes a function of the content alone (no creation time
or random document id), so re-rendering a licence gives the same PDF.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from onewindow.notices.render.layout import FONT, QRFlowable, chinese_date, esc
from onewindow.notices.render.seal import draw_seal

DEFAULT_PUBLIC_BASE_URL = "http://127.0.0.1:8000"
ID_TYPE_LABELS = {"resident_id": "居民身份证", "uscc": "统一社会信用代码"}
INK = colors.HexColor("#1a1a1a")


def verification_url(identifier: str) -> str:
    base = getattr(settings, "ONEWINDOW_PUBLIC_BASE_URL", "") or DEFAULT_PUBLIC_BASE_URL
    return base.rstrip("/") + reverse("licences:verify", args=[identifier])


def _style(name: str, size: float, **kw) -> ParagraphStyle:
    kw.setdefault("leading", size * 1.5)
    kw.setdefault("textColor", INK)
    return ParagraphStyle(name, fontName=FONT, fontSize=size, wordWrap="CJK", **kw)


STYLES = {
    "title": _style("lic-title", 26, alignment=TA_CENTER, leading=36, spaceAfter=4),
    "ident": _style("lic-ident", 10, alignment=TA_CENTER, textColor=colors.HexColor("#444444")),
    "label": _style("lic-label", 11),
    "value": _style("lic-value", 11),
    "small": _style("lic-small", 8, leading=10, alignment=TA_CENTER, textColor=colors.HexColor("#555555")),
    "note": _style("lic-note", 8.5, leading=12, textColor=colors.HexColor("#555555")),
}


@dataclass
class LicenceDocument:
    title: str
    identifier: str
    holder_name: str
    holder_id_type: str
    holder_id_number: str
    fields: list[tuple[str, str]]
    valid_from: dt.date
    valid_to: dt.date | None
    issuer_name: str
    issued_on: dt.date
    seal_name: str
    version: int


class _SealBlock(Flowable):
    """Issuer and date with the seal stamped over them."""

    def __init__(self, issuer: str, issued_on: dt.date, seal_name: str, width: float) -> None:
        super().__init__()
        self.issuer, self.issued_on, self.seal_name = issuer, issued_on, seal_name
        self.width, self.height = width, 40 * mm

    def draw(self) -> None:
        c = self.canv
        x = self.width / 2
        c.setFillColor(INK)
        c.setFont(FONT, 12)
        c.drawCentredString(x, self.height * 0.55, f"发证机关：{self.issuer}")
        c.drawCentredString(x, self.height * 0.55 - 20, chinese_date(self.issued_on))
        draw_seal(c, x, self.height * 0.5, 20 * mm, self.seal_name)


def _validity(doc: LicenceDocument) -> str:
    if doc.valid_to is None:
        return f"自{chinese_date(doc.valid_from)}起长期有效"
    return f"{chinese_date(doc.valid_from)}至{chinese_date(doc.valid_to)}"


def _facts(doc: LicenceDocument, width: float) -> Table:
    rows = [("持证人", doc.holder_name),
            (ID_TYPE_LABELS.get(doc.holder_id_type, "证件号码"), doc.holder_id_number),
            *[(name, value or "—") for name, value in doc.fields],
            ("有效期限", _validity(doc))]
    data = [[Paragraph(esc(k), STYLES["label"]), Paragraph(esc(v), STYLES["value"])] for k, v in rows]
    table = Table(data, colWidths=[width * 0.28, width * 0.72])
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#888888")),
        ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f7f7f7")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))
    return table


def _story(doc: LicenceDocument, width: float) -> list:
    url = verification_url(doc.identifier)
    qr = Table([[QRFlowable(url, 28 * mm)], [Paragraph("扫码核验电子证照", STYLES["small"])]],
               colWidths=[width * 0.4])
    qr.setStyle(TableStyle([("ALIGN", (0, 0), (-1, -1), "LEFT"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    seal = _SealBlock(doc.issuer_name, doc.issued_on, doc.seal_name, width * 0.55)
    block = Table([[qr, seal]], colWidths=[width * 0.45, width * 0.55])
    block.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    version = f"（第{doc.version}版）" if doc.version > 1 else ""
    return [
        Spacer(1, 6 * mm),
        Paragraph(esc(doc.title) + esc(version), STYLES["title"]),
        Paragraph("证照编号：" + esc(doc.identifier), STYLES["ident"]),
        Spacer(1, 8 * mm),
        _facts(doc, width),
        Spacer(1, 10 * mm),
        KeepTogether([block, Spacer(1, 6 * mm), Paragraph(
            "本电子证照由发证机关以审批专用章的数字签名（SM2/SM3）签署，与纸质证照具有同等效力。"
            "真伪及状态请扫描二维码或访问以下地址核验：" + esc(url), STYLES["note"])]),
    ]


def render_licence_pdf(doc: LicenceDocument) -> bytes:
    buf = io.BytesIO()
    template = SimpleDocTemplate(buf, pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm, topMargin=25 * mm,
                                 bottomMargin=20 * mm, title=doc.title, author=doc.issuer_name,
                                 subject=doc.identifier, creator="onewindow", invariant=True)
    template.build(_story(doc, template.width))
    return buf.getvalue()
