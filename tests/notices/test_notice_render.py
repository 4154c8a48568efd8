"""Each kind renders a valid PDF whose text says what the law requires it to say."""

from __future__ import annotations

import datetime as dt

import pytest
import segno

from onewindow.cases.models import CaseClass, DepartmentTask, Suspension
from onewindow.catalogue.models import ItemType
from onewindow.notices.models import NoticeStatus
from onewindow.notices.render import layout
from onewindow.notices.services import notice_request
from tests.factories import DepartmentFactory, ItemVersionFactory, MaterialFactory, ServiceItemFactory
from tests.notices.conftest import notice_text
from tests.notices.factories import CaseFactory, event_for, seal_for

TITLES = {
    "acceptance": "受理通知书",
    "one_time": "一次性告知书",
    "refusal": "不予受理决定书",
    "joint_acceptance": "联办件受理通知书",
    "suspension": "挂起（特别程序）告知书",
    "extension": "延期办理告知书",
    "decision": "准予行政许可决定书",
    "out_of_remit": "不属于本机关职权范围告知书",
}


def generate(case, kind, event, capture):
    with capture(execute=True):
        notice = notice_request(case=case, kind=kind, event=event)
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.READY, notice.error
    return notice


def scenario(case, kind):
    """(event, phrases the notice must contain) for each kind."""
    if kind == "acceptance":
        return event_for(case, "accept"), ["2025年3月3日", "2025年3月17日", "2025年3月31日", "第三十二条",
                                           "第四十二条"]
    if kind == "one_time":
        m = MaterialFactory(version=case.item_version, name="营业执照",
                            acceptance_standard="原件与复印件一致")
        return event_for(case, "notice", payload={"missing": [{"material": m.pk, "name": m.name}]}), [
            "营业执照", "原件与复印件一致", "第三十二条第一款第（四）项"]
    if kind == "refusal":
        return event_for(case, "refuse", reason="申请人不具备法定资格"), ["申请人不具备法定资格", "行政复议"]
    if kind == "joint_acceptance":
        case.case_class = CaseClass.JOINT
        case.save(update_fields=["case_class"])
        other = DepartmentFactory(centre=case.centre, name="测试县税务局")
        DepartmentTask.objects.create(case=case, department=case.department, item=case.item, is_lead=True,
                                      limit_days=10, due_date=dt.date(2025, 3, 17), position=0)
        DepartmentTask.objects.create(case=case, department=other, position=1, limit_days=5,
                                      item=ServiceItemFactory(department=other, name="税务登记"),
                                      due_date=dt.date(2025, 3, 10))
        return event_for(case, "accept"), ["测试县税务局", "税务登记", "（牵头）", "第二十六条", "四十五日"]
    if kind == "suspension":
        Suspension.objects.create(case=case, kind="expert_review", reason="需组织专家论证",
                                  started_on=dt.date(2025, 3, 4))
        return event_for(case, "suspend", reason="需组织专家论证",
                         payload={"kind": "expert_review", "started_on": "2025-03-04"}), [
            "专家评审", "需组织专家论证", "2025年3月4日", "第四十五条"]
    if kind == "extension":
        return event_for(case, "extend", reason="案情复杂需进一步核实",
                         payload={"working_days": 10, "from": "2025-03-17", "to": "2025-03-31"}), [
            "10个工作日", "案情复杂需进一步核实", "2025年3月31日", "2025年3月17日", "第四十二条"]
    if kind == "decision":
        case.outcome = "approve"
        case.save(update_fields=["outcome"])
        return event_for(case, "decide", payload={"outcome": "approve"}), ["准予行政许可", "第三十八条",
                                                                           "第四十四条"]
    if kind == "out_of_remit":
        return event_for(case, "out_of_remit", payload={"competent_body": "市自然资源局"}), [
            "请向市自然资源局提出申请", "第三十二条第一款第（二）项"]
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", list(TITLES))
def test_each_kind_renders_a_pdf(case, kind, django_capture_on_commit_callbacks):
    seal_for(centre=case.centre, department=case.department)
    event, phrases = scenario(case, kind)

    notice = generate(case, kind, event, django_capture_on_commit_callbacks)

    with notice.file.open("rb") as fh:
        data = fh.read()
    assert data.startswith(b"%PDF")
    assert notice.file.name.startswith("notices/")
    text = notice_text(notice)
    assert TITLES[kind] in text
    assert case.number in text
    assert case.centre.name in text
    assert "张三" in text and "110***********002X" in text
    assert "11010519491231002X" not in text  # the ID is masked
    assert "食品经营许可" in text
    assert "（电子印章）" in text
    assert "2025年3月3日" in text  # the date of the event, in Chinese
    for phrase in phrases:
        assert phrase in text, phrase


def test_one_time_notice_lists_every_missing_material(case, django_capture_on_commit_callbacks):
    materials = [MaterialFactory(version=case.item_version, name=name, acceptance_standard=standard)
                 for name, standard in [("营业执照副本", "加盖公章的复印件一份"),
                                        ("法定代表人身份证", "原件核验，复印件一份"),
                                        ("经营场所证明", "房产证或租赁合同原件")]]
    present = MaterialFactory(version=case.item_version, name="申请书", acceptance_standard="签字")
    missing = [{"material": m.pk, "name": m.name} for m in materials]
    event = event_for(case, "notice", payload={"missing": missing})

    text = notice_text(generate(case, "one_time", event, django_capture_on_commit_callbacks))

    for m in materials:
        assert m.name in text
        assert "".join(m.acceptance_standard.split()) in text
    assert present.name not in text
    assert "共3项" in text


def test_one_time_notice_falls_back_to_the_case_checklist(case, django_capture_on_commit_callbacks):
    m = MaterialFactory(version=case.item_version, name="卫生许可证明", acceptance_standard="有效期内原件")
    case.missing = [{"material": m.pk, "name": m.name}]
    case.save(update_fields=["missing"])
    text = notice_text(generate(case, "one_time", None, django_capture_on_commit_callbacks))
    assert "卫生许可证明" in text and "有效期内原件" in text


def test_denial_gives_reasons_and_remedies(case, django_capture_on_commit_callbacks):
    event = event_for(case, "decide", reason="经营场所不符合卫生要求", payload={"outcome": "deny"})
    text = notice_text(generate(case, "decision", event, django_capture_on_commit_callbacks))
    assert "不予行政许可决定书" in text
    assert "经营场所不符合卫生要求" in text
    assert "六十日内" in text and "六个月内" in text


def test_decision_on_a_public_service_is_not_called_a_licence(department, django_capture_on_commit_callbacks):
    item = ServiceItemFactory(department=department, item_type=ItemType.PUBLIC_SERVICE, name="社保卡补办")
    case = CaseFactory(department=department, item=item, item_version=ItemVersionFactory(item=item))
    text = notice_text(generate(case, "decision", event_for(case, "decide", payload={"outcome": "approve"}),
                                django_capture_on_commit_callbacks))
    assert "准予办理决定书" in text
    assert "行政许可决定书" not in text


def test_resume_event_tells_the_clock_runs_again(case, django_capture_on_commit_callbacks):
    event = event_for(case, "resume", payload={"kind": "field_survey", "ended_on": "2025-03-04",
                                               "result": "踏勘合格"})
    text = notice_text(generate(case, "suspension", event, django_capture_on_commit_callbacks))
    assert "恢复计时" in text and "现场踏勘" in text and "踏勘合格" in text


def test_qr_encodes_the_public_progress_url(case, settings, monkeypatch, django_capture_on_commit_callbacks):
    seen = []
    real = segno.make

    def spy(content, *args, **kwargs):
        seen.append(content)
        return real(content, *args, **kwargs)

    monkeypatch.setattr(layout.segno, "make", spy)
    settings.ONEWINDOW_PUBLIC_BASE_URL = "https://zwfw.example.gov.cn/"
    notice = generate(case, "acceptance", event_for(case, "accept"), django_capture_on_commit_callbacks)

    assert seen == [f"https://zwfw.example.gov.cn/progress/{case.number}"]
    assert f"zwfw.example.gov.cn/progress/{case.number}" in notice_text(notice)


def test_qr_default_base_url(case, monkeypatch, django_capture_on_commit_callbacks, settings):
    del settings.ONEWINDOW_PUBLIC_BASE_URL
    seen = []
    monkeypatch.setattr(layout, "qr_code", lambda url: seen.append(url) or segno.make(url))
    generate(case, "acceptance", event_for(case, "accept"), django_capture_on_commit_callbacks)
    assert seen == [f"http://127.0.0.1:8000/progress/{case.number}"]


def test_seal_of_the_department_then_the_centre(case, django_capture_on_commit_callbacks):
    # No registered seal: the notice says so rather than drawing a fake one.
    text = notice_text(generate(case, "refusal", event_for(case, "refuse", reason="x"),
                                django_capture_on_commit_callbacks))
    assert "未登记电子印章" in text

    seal_for(centre=case.centre, name="测试县政务服务中心专用章", code="C1")
    text = notice_text(generate(case, "acceptance", event_for(case, "accept"),
                                django_capture_on_commit_callbacks))
    assert "未登记电子印章" not in text and "（电子印章）" in text

    seal_for(centre=case.centre, department=case.department, code="D1")
    text = notice_text(generate(case, "out_of_remit", event_for(case, "out_of_remit"),
                                django_capture_on_commit_callbacks))
    assert case.department.name in text  # the department with the seal issues the notice
