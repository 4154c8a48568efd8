"""The seven disclosures of a guide (seed 004: legal basis, content, procedure, materials, flow,
promised time, fees) as plain text sections: one source for the guide page and its PDF."""

from __future__ import annotations

from onewindow.catalogue.listing import Guide
from onewindow.catalogue.models import HandlingForm, Material, MaterialSource

FORM_TEXT = {"original": "原件", "copy": "复印件", "original_and_copy": "原件及复印件",
             "electronic": "电子件"}
DELIVERY_TEXT = {"pickup": "窗口领取", "mail": "邮寄送达", "locker": "智能柜自取", "download": "电子证照下载"}
SOURCE_TEXT = {"applicant": "申请人自备", "issuing_body": "由出具单位提供",
               "licence_library": "电子证照库调取，免提交"}


def material_row(m: Material) -> dict[str, str]:
    standard = "；".join(x for x in (m.acceptance_standard, m.note) if x)
    source = SOURCE_TEXT.get(m.source, m.source)
    if m.source == MaterialSource.ISSUING_BODY and m.issuing_body:
        source = f"{m.issuing_body}出具"
    return {"name": m.name + ("" if m.required else "（依情形）"),
            "form": f"{FORM_TEXT.get(m.form, m.form)} {m.copies}份", "standard": standard or "—",
            "source": source}


def _zh(label) -> str:
    """"At the window (窗口办理)" → "窗口办理": the guide prints the Chinese term of a choice."""
    text = str(label)
    if "(" in text and text.endswith(")"):
        return text[text.rindex("(") + 1:-1]
    return text


def guide_sections(guide: Guide) -> list[tuple[str, list[str]]]:
    v = guide.version
    forms = dict(HandlingForm.choices)
    procedure = [f"办理形式：{'、'.join(_zh(forms.get(f, f)) for f in v.handling_forms) or '窗口办理'}",
                 f"到现场次数：{v.visits_required}次",
                 f"办理地点：{v.address or guide.item.centre.address or '—'}",
                 f"办理时间：{v.office_hours or guide.item.centre.opening_hours or '—'}",
                 f"咨询电话：{v.phone or guide.item.centre.phone or '—'}",
                 f"监督投诉电话：{v.complaint_phone or '12345'}"]
    if v.delivery_methods:
        methods = "、".join(DELIVERY_TEXT.get(str(x), str(x)) for x in v.delivery_methods)
        procedure.append(f"结果送达：{methods}")
    flow = [f"{n}. {step.get('name', '')}：{step.get('description', '')}".rstrip("：")
            for n, step in enumerate(v.flow or [], start=1) if isinstance(step, dict)]
    time = [f"法定办结时限：{v.statutory_days}个工作日", f"承诺办结时限：{v.promised_days}个工作日",
            "时限自受理之次日起按工作日计算，法定节假日不计入。"]
    fees = [f"{f.name}：{f.amount}元" + (f"（{f.standard}）" if f.standard else "")
            + (f"；依据：{f.basis}" if f.basis else "") + (f"；减免：{f.waivers}" if f.waivers else "")
            for f in guide.fees] or ["不收费"]
    content = [x for x in (v.content, f"受理条件：{v.conditions}" if v.conditions else "",
                           f"办理结果：{v.result_type}" if v.result_type else "") if x]
    return [
        ("设定依据", [v.legal_basis] if v.legal_basis else []),
        ("事项内容", content),
        ("办理方式", procedure),
        ("申请材料", []),
        ("办理流程", flow),
        ("办理时限", time),
        ("收费标准", fees),
    ]
