"""One template per notice kind: each turns a NoticeContext into a NoticeDocument (what to say);
layout.py decides how it looks. Wording follows the usual forms of 行政许可 documents."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from onewindow.notices.render import legal
from onewindow.notices.render.context import NoticeContext, as_date, missing_items
from onewindow.notices.render.layout import ListSection, NoticeDocument, chinese_date

PROCEDURES = {
    "hearing": "听证", "tender": "招标", "auction": "拍卖", "inspection": "检验", "testing": "检测",
    "quarantine": "检疫", "appraisal": "鉴定", "expert_review": "专家评审", "field_survey": "现场踏勘",
}
CASE_CLASSES = {
    "immediate": "即办件", "promised": "承诺件", "supplement": "补办件", "joint": "联办件",
    "escalated": "上报件", "expedited": "特办件", "returned": "退回件",
}
LICENSING = "01"


def _document(ctx: NoticeContext, title: str, paragraphs: list[str], *, facts: Sequence[tuple[str, str]] = (),
              lists: Sequence[ListSection] = (), closing: Sequence[str] = (),
              basis: Sequence[str] = ()) -> NoticeDocument:
    """The frame every kind shares: who, what, the case's identity, the seal and the QR."""
    head = [("申请人", ctx.applicant_name), (ctx.id_label, ctx.id_masked), ("申请事项", ctx.item_name)]
    return NoticeDocument(
        title=title, centre_name=ctx.centre_name, doc_number=f"办件编号：{ctx.case.number}",
        addressee=ctx.applicant_name, paragraphs=list(paragraphs), facts=head + list(facts),
        lists=list(lists), closing=list(closing), legal_basis=list(basis), issuer_name=ctx.issuer_name,
        issued_on=ctx.issued_on, seal_name=ctx.seal_name, progress_url=ctx.progress_url)


def _received(ctx: NoticeContext) -> str:
    return chinese_date(as_date(ctx.case.received_on or ctx.case.received_at or ctx.case.created_at))


def _item_basis(ctx: NoticeContext) -> list[str]:
    return [f"设定依据：{ctx.item_basis}"] if ctx.item_basis else []


def _due(ctx: NoticeContext):
    return as_date(ctx.get("due_date") or ctx.case.decision_due_date or ctx.case.promised_due_date)


def acceptance(ctx: NoticeContext) -> NoticeDocument:
    case = ctx.case
    due = _due(ctx)
    return _document(
        ctx, "受理通知书",
        [f"你（单位）于{_received(ctx)}提交的“{ctx.item_name}”申请，经审查，申请材料齐全、符合法定形式，"
         f"本机关决定予以受理。",
         f"本事项承诺于{chinese_date(due)}前办结。请凭本通知书查询办理进度、领取办理结果。"],
        facts=[("受理日期", chinese_date(as_date(case.accepted_at or case.accepted_on))),
               ("办件类型", CASE_CLASSES.get(case.case_class, case.case_class)),
               ("承诺办结日期", chinese_date(due)),
               ("法定办结日期", chinese_date(as_date(case.statutory_due_date)))],
        basis=[legal.ART32_ACCEPT, legal.ART32_WRITTEN, legal.ART42_LIMIT, *_item_basis(ctx)])


def one_time(ctx: NoticeContext) -> NoticeDocument:
    raw = ctx.payload.get("missing") or ctx.case.missing or []
    items = missing_items(ctx.case, raw)
    rows = [[str(i), m.name, m.standard, m.note or "未提交"] for i, m in enumerate(items, start=1)]
    return _document(
        ctx, "一次性告知书",
        [f"你（单位）于{_received(ctx)}提交的“{ctx.item_name}”申请材料不齐全或者不符合法定形式。"
         f"现将需要补正的全部内容一次性告知如下（共{len(items)}项）："],
        facts=[("收件日期", _received(ctx)), ("告知日期", chinese_date(ctx.issued_on))],
        lists=[ListSection("需要补正的材料", ["序号", "材料名称", "受理标准", "说明"], rows,
                           [0.08, 0.32, 0.42, 0.18])],
        closing=["请按上述要求补正全部材料后，凭本告知书到窗口或通过网上办事大厅提交。收到全部补正材料之日起受理，"
                 "办理时限自受理之日起计算。本告知书未列明的材料，不得要求申请人另行提交。"],
        basis=[legal.ART32_SUPPLEMENT])


def refusal(ctx: NoticeContext) -> NoticeDocument:
    reason = ctx.reason or "申请不符合受理条件"
    return _document(
        ctx, "不予受理决定书",
        [f"你（单位）于{_received(ctx)}提交的“{ctx.item_name}”申请，经审查，{reason}。",
         "根据《中华人民共和国行政许可法》第三十二条的规定，本机关决定不予受理。"],
        facts=[("不予受理理由", reason)],
        closing=[legal.REMEDIES],
        basis=[legal.ART32_REFUSE, legal.ART32_WRITTEN, legal.REVIEW, legal.LITIGATION])


def joint_acceptance(ctx: NoticeContext) -> NoticeDocument:
    case = ctx.case
    tasks = list(case.tasks.select_related("department", "item").order_by("position", "id"))
    rows = [[str(i), t.department.name + ("（牵头）" if t.is_lead else ""), t.item.name, str(t.limit_days),
             chinese_date(as_date(t.due_date))] for i, t in enumerate(tasks, start=1)]
    due = _due(ctx)
    return _document(
        ctx, "联办件受理通知书",
        [f"你（单位）于{_received(ctx)}提交的“{ctx.item_name}”申请涉及多个部门，经审查，申请材料齐全、符合法定形式，"
         f"本中心予以统一受理，由相关部门并联办理。",
         f"本事项承诺于{chinese_date(due)}前办结，办理结果由综合发证窗口统一送达。"],
        facts=[("受理日期", chinese_date(as_date(case.accepted_at or case.accepted_on))),
               ("承诺办结日期", chinese_date(due)),
               ("法定办结日期", chinese_date(as_date(case.statutory_due_date)))],
        lists=[ListSection("并联办理部门", ["序号", "部门", "事项", "时限（工作日）", "办结期限"], rows,
                           [0.08, 0.3, 0.3, 0.14, 0.18])] if rows else [],
        basis=[legal.ART26, legal.ART32_WRITTEN, legal.ART42_JOINT])


def suspension(ctx: NoticeContext) -> NoticeDocument:
    """The pause (挂起) and, for a resume event, the end of the special procedure."""
    latest = ctx.case.suspensions.order_by("-started_on", "-id").first()
    kind = ctx.payload.get("kind") or (latest.kind if latest else "")
    procedure = PROCEDURES.get(kind, kind or "特别程序")
    reason = ctx.reason or (latest.reason if latest else "")
    started = as_date(ctx.payload.get("started_on")) or (latest.started_on if latest else ctx.issued_on)
    ended = as_date(ctx.payload.get("ended_on"))
    if ended is not None or getattr(ctx.event, "action", "") == "resume":
        ended = ended or ctx.issued_on
        result = ctx.payload.get("result") or (latest.result if latest else "") or "—"
        due = _due(ctx)
        return _document(
            ctx, "特别程序结束（恢复计时）告知书",
            [f"你（单位）申请的“{ctx.item_name}”，{procedure}已于{chinese_date(ended)}结束，自次日起恢复计算办理时限。",
             f"{procedure}所用时间不计算在办理期限内，调整后的办结期限为{chinese_date(due)}。"],
            facts=[("特别程序", procedure), ("结束日期", chinese_date(ended)), ("结果", result),
                   ("办结期限", chinese_date(due))],
            basis=[legal.ART45])
    expected = ctx.payload.get("expected_days")
    expected_text = f"预计{expected}个工作日" if expected else "以实际所需时间为准"
    return _document(
        ctx, "挂起（特别程序）告知书",
        [f"你（单位）申请的“{ctx.item_name}”，因需要进行{procedure}，自{chinese_date(started)}起暂停计算办理时限。",
         f"{procedure}所需时间{expected_text}，不计算在办理期限内；程序结束后恢复计时，本机关将书面告知。"],
        facts=[("特别程序", procedure), ("原因", reason or "—"), ("暂停计时日期", chinese_date(started)),
               ("所需时间", expected_text)],
        basis=[legal.ART45])


def extension(ctx: NoticeContext) -> NoticeDocument:
    days = ctx.payload.get("working_days") or ctx.payload.get("days") or ctx.case.extension_days
    reason = ctx.reason or ctx.case.extension_reason or "情况复杂"
    new_due = as_date(ctx.payload.get("to") or ctx.case.decision_due_date or ctx.case.promised_due_date)
    before = as_date(ctx.payload.get("from"))
    joint = ctx.case.case_class == "joint"
    approver = "本级人民政府负责人" if joint else "本机关负责人"
    facts = [("延长天数", f"{days}个工作日"), ("延期理由", reason)]
    if before is not None:
        facts.append(("原办结期限", chinese_date(before)))
    facts.append(("延长后办结期限", chinese_date(new_due)))
    return _document(
        ctx, "延期办理告知书",
        [f"你（单位）申请的“{ctx.item_name}”，因{reason}，在规定期限内不能作出决定。经{approver}批准，"
         f"办理期限延长{days}个工作日，延长后的办结期限为{chinese_date(new_due)}。"],
        facts=facts, basis=[legal.ART42_JOINT if joint else legal.ART42_LIMIT])


def _latest_opinion(ctx: NoticeContext) -> str:
    latest = ctx.case.opinions.order_by("-at", "-id").first()
    return latest.opinion if latest is not None else ""


def decision(ctx: NoticeContext) -> NoticeDocument:
    approved = ctx.get("outcome", "") == "approve"
    licensing = ctx.item_type == LICENSING
    noun = "行政许可" if licensing else "办理"
    decided = as_date(ctx.case.decided_at or ctx.case.decided_on) or ctx.issued_on
    if approved:
        opinion = ctx.payload.get("opinion") or _latest_opinion(ctx) or "准予"
        result = ctx.result_type or "办理结果"
        issue_due = as_date(ctx.case.issue_due_date)
        when = f"于{chinese_date(issue_due)}前" if issue_due else "自作出决定之日起十日内"
        return _document(
            ctx, f"准予{noun}决定书",
            [f"你（单位）于{_received(ctx)}提交的“{ctx.item_name}”申请，经审查，符合法定条件、标准，"
             f"本机关决定准予{noun}。",
             f"本机关将{when}向你（单位）颁发、送达{result}。"],
            facts=[("决定", f"准予{noun}"), ("决定日期", chinese_date(decided)), ("审查意见", opinion),
                   ("办理结果", result)],
            basis=[*([legal.ART38_APPROVE, legal.ART44] if licensing else []), *_item_basis(ctx)])
    reason = ctx.payload.get("opinion") or ctx.reason or _latest_opinion(ctx) or "不符合法定条件、标准"
    return _document(
        ctx, f"不予{noun}决定书",
        [f"你（单位）于{_received(ctx)}提交的“{ctx.item_name}”申请，经审查，{reason}。本机关决定不予{noun}。"],
        facts=[("决定", f"不予{noun}"), ("决定日期", chinese_date(decided)), ("理由", reason)],
        closing=[legal.REMEDIES],
        basis=[*([legal.ART38_DENY] if licensing else []), *_item_basis(ctx), legal.REVIEW, legal.LITIGATION])


def out_of_remit(ctx: NoticeContext) -> NoticeDocument:
    body = ctx.get("competent_body", "有权机关")
    reason = ctx.reason
    return _document(
        ctx, "不属于本机关职权范围告知书",
        [f"你（单位）于{_received(ctx)}提出的“{ctx.item_name}”申请，依法不属于本机关职权范围"
         f"{'（' + reason + '）' if reason else ''}，本机关不予受理。",
         f"请向{body}提出申请。"],
        facts=[("有权受理机关", body)],
        closing=[legal.REMEDIES],
        basis=[legal.ART32_REMIT, legal.ART32_WRITTEN])


TEMPLATES: dict[str, Callable[[NoticeContext], NoticeDocument]] = {
    "acceptance": acceptance,
    "one_time": one_time,
    "refusal": refusal,
    "joint_acceptance": joint_acceptance,
    "suspension": suspension,
    "extension": extension,
    "decision": decision,
    "out_of_remit": out_of_remit,
}
