"""The parts of a demo guide that follow from an item's class and department rather than being
written per item: the flow, the back-office review steps, where to apply, and the default content.
Every step is {"name", "description"} (catalogue rules); review steps also name the role that does
them."""

from __future__ import annotations

from typing import Any

from onewindow.catalogue.models import CaseClass
from onewindow.demo.data.dsl import ItemDef
from onewindow.demo.data.network import COUNTY
from onewindow.network.models import Role

APPLY = ("申请", "申请人到综合受理窗口、网上办事大厅或通过村(社区)代办员提交申请材料")
ACCEPT = ("受理", "综合受理窗口按材料清单核验材料、比对原件;材料齐全、符合法定形式的当场受理并出具受理通知书,"
          "载明承诺办结日期;材料不全的一次性告知需要补正的全部内容")
ISSUE = ("送达", "统一出件窗口核对结果与电子证照一致后发放,可选择窗口领取、免费邮寄或24小时自助柜领取")
SPECIAL_STEPS = {
    "field_survey": ("现场踏勘", "组织现场核查或踏勘,所需时间不计入办理时限,书面告知申请人"),
    "expert_review": ("专家评审", "组织专家评审或技术评估,所需时间不计入办理时限,书面告知申请人"),
    "hearing": ("听证", "告知申请人、利害关系人享有要求听证的权利;要求听证的,二十日内组织听证,"
                       "所需时间不计入办理时限"),
    "tender": ("招标", "依法组织招标,所需时间不计入办理时限"),
    "auction": ("拍卖", "依法组织拍卖或挂牌,所需时间不计入办理时限"),
    "inspection": ("检验", "委托法定检验机构检验,所需时间不计入办理时限"),
    "testing": ("检测", "委托具备资质的机构检测,所需时间不计入办理时限"),
    "quarantine": ("检疫", "官方兽医实施检疫,所需时间不计入办理时限"),
    "appraisal": ("鉴定", "委托鉴定机构或专家组鉴定,所需时间不计入办理时限"),
}
_MIDDLE: dict[str, list[tuple[str, str]]] = {
    CaseClass.IMMEDIATE: [("审查决定", "首席代表当场审查并作出决定,即收即办")],
    CaseClass.PROMISED: [("审查", "后台审批人员对申请材料进行实质审查")],
    CaseClass.JOINT: [("并联审查", "牵头窗口出具联办受理通知书,各相关部门在各自承诺时限内并行审查;"
                               "需要时召开联审会议")],
    CaseClass.ESCALATED: [("初审", "首席代表对申请进行初审,提出初审意见"),
                          ("上报", "报上级机关审批,代办员全程跟踪办理进度")],
    CaseClass.EXPEDITED: [("绿色通道受理", "开通绿色通道,容缺受理,专人全程帮办代办"),
                          ("并联审查", "相关部门同步审查,中心直接督办")],
}
_DECIDE: dict[str, tuple[str, str]] = {
    CaseClass.PROMISED: ("决定", "在承诺时限内作出准予或不予的书面决定;不予的说明理由并告知救济途径"),
    CaseClass.JOINT: ("办结", "牵头部门汇总各部门意见,统一办结"),
    CaseClass.ESCALATED: ("决定", "上级机关作出决定,结果转回统一出件窗口"),
    CaseClass.EXPEDITED: ("决定", "在承诺时限内作出决定"),
}


def flow(d: ItemDef) -> list[dict[str, str]]:
    if d.flow:
        return [{"name": n, "description": t} for n, t in d.flow]
    steps = [APPLY, ACCEPT, *_MIDDLE[d.case_class]]
    steps += [SPECIAL_STEPS[p] for p in d.special]
    if d.case_class in _DECIDE:
        steps.append(_DECIDE[d.case_class])
    steps.append(ISSUE)
    return [{"name": n, "description": t} for n, t in steps]


def _step(name: str, description: str, role: str) -> dict[str, Any]:
    return {"name": name, "description": description, "role": role}


def review_steps(d: ItemDef, *, decider: str) -> list[dict[str, Any]]:
    """decider: the role that decides for the department (chief representative where the department
    has one in the hall, else the department admin; a township's centre manager)."""
    reviewer = Role.REVIEWER.value
    if d.case_class == CaseClass.IMMEDIATE:
        return [_step("审查决定", "当场审查并作出决定", decider)]
    if d.case_class == CaseClass.JOINT:
        return [_step("牵头审查", "牵头部门审查并协调各组成部门", decider),
                _step("并联审查", "各组成部门在各自时限内审查", reviewer),
                _step("办结", "汇总意见,统一办结", decider)]
    if d.case_class == CaseClass.ESCALATED:
        return [_step("初审", "审查材料并提出初审意见", reviewer),
                _step("审核上报", "审核后报上级机关", decider)]
    return [_step("审查", "实质审查,提出审查意见", reviewer), _step("决定", "作出准予或不予的决定", decider)]


_COUNTY_DESK = {
    "BDC": "二楼不动产登记专窗(Z01-Z03)",
    "SW": "二楼税务专窗(Z04-Z05)",
    "GA": "一楼公安户政专窗(Z06-Z07)",
}
_THEME_DESK = {
    "social": "一楼社会民生综合受理窗口(A01-A03)",
    "registration": "一楼登记注册综合受理窗口(A04-A05)",
    "production": "一楼生产经营综合受理窗口(A06-A07)",
    "investment": "一楼投资建设综合受理窗口(A08-A09)",
}


def address(d: ItemDef, *, centre_name: str, window_name: str = "") -> str:
    if d.centre != COUNTY:
        return f"{centre_name}{d.window}号{window_name}"
    desk = _COUNTY_DESK.get(d.dept) or _THEME_DESK.get(d.theme, "一楼综合受理窗口")
    if d.any_window and d.dept not in _COUNTY_DESK:
        desk += "或无差别综合受理窗口(A10)"
    return f"{centre_name}{desk}"


def content(d: ItemDef, *, department_name: str) -> str:
    return d.content or f"{department_name}依申请办理{d.name}。"
