# ruff: noqa: E501 — catalogue text in Chinese; a line break inside it would not help reading.
"""Township-level items (exercise level 5) implemented by each township government (ZF) or its
veterans' service station (TYFW) with the township's one approval seal (seed 000 §二, §三(二)3).
Each township implements the same basic items under its own implementation codes; the street
(禾东街道) has no homestead or rural land items."""

from __future__ import annotations

from dataclasses import replace

from onewindow.catalogue.models import ExerciseLevel
from onewindow.demo.data.common import BEN, HUKOU, ID_CARD, LIC, OTH, PROD, PUB, SOCIAL, SURVEY
from onewindow.demo.data.dsl import (
    EXPEDITED,
    IMMEDIATE,
    ONLINE,
    PROXY,
    WINDOW,
    ItemDef,
    app_form,
    cond,
    cp,
    item,
    m,
    opt,
    sit,
)
from onewindow.demo.data.network import TOWNSHIPS

TOWNSHIP = ExerciseLevel.TOWNSHIP.value
RURAL = ("50001", "50005")

_BASE = [
    item("50001", "农村村民宅基地审批", LIC, "ZF", days=(20, 15), theme=SOCIAL, special=[SURVEY], level=TOWNSHIP, window="02",
         basis="《中华人民共和国土地管理法》第六十二条\n《农业农村部 自然资源部关于规范农村宅基地审批管理的通知》(农经发〔2019〕6号)",
         content="村民申请、村级审查后报乡镇;乡镇组织农业农村、自然资源等实地审查,做到选址到场、批后放样到场、竣工验收到场;"
                 "同时核发乡村建设规划许可证",
         conditions="农村村民一户只能拥有一处宅基地,面积不得超过省规定的标准;出卖、出租、赠与住宅后再申请宅基地的不予批准;"
                    "符合村庄规划,不占用永久基本农田",
         materials=[app_form("农村宅基地和建房(规划许可)申请表"), HUKOU, ID_CARD,
                    m("农村宅基地使用承诺书", "申请户主签字"), m("村民小组会议记录和村级审查意见", "村民委员会盖章"),
                    m("农房设计图或通用图集选用说明", "层数、面积与申请一致")],
         proxy=True, forms=[WINDOW, PROXY], events=["住房"], keywords="宅基地 农村建房 批地建房",
         result="农村宅基地批准书"),
    item("50002", "临时救助(急难型)先行救助", BEN, "ZF", days=(5, 1), theme=SOCIAL, case_class=EXPEDITED,
         special=[SURVEY], level=TOWNSHIP, window="04",
         basis="《社会救助暂行办法》第四十八条\n《国务院关于全面建立临时救助制度的通知》(国发〔2014〕47号)",
         content="对遭遇突发事件、意外事故、罹患重病等急难情形的家庭或个人,乡镇(街道)先行救助,救助后补齐手续、说明情况",
         conditions="因急难情形导致基本生活陷入困境,需要立即采取救助措施",
         materials=[app_form("临时救助申请书", "情况紧急的可口头申请,由工作人员代填"), ID_CARD,
                    cond(cp("急难情形证明", "医院诊断、事故证明等,事后补交"))],
         situations=[sit("能否当场提供急难情形证明?", opt("能", adds=["急难情形证明"]), opt("不能(事后补交)"))],
         proxy=True, forms=[WINDOW, PROXY], events=["社会救助"], keywords="急难救助 先行救助 临时救助"),
    item("50003", "生育登记", PUB, "ZF", days=(1, 0), case_class=IMMEDIATE, theme=SOCIAL, level=TOWNSHIP, window="03",
         basis="《中华人民共和国人口与计划生育法》\n省人口与计划生育条例",
         conditions="夫妻生育子女,在一方户籍地或现居住地办理,可在孕前、孕期或生育后办理",
         materials=[m("夫妻双方居民身份证", "原件,在有效期内;网上办理的实名认证"),
                    cond(m("出生医学证明", "已生育的提交"))],
         situations=[sit("是否已生育?", opt("未生育(孕前或孕期)"), opt("已生育", adds=["出生医学证明"]))],
         forms=[WINDOW, ONLINE, PROXY], events=["生育"], keywords="生育登记 准生证 生育服务证", visits=0, depth=4),
    item("50004", "退役军人和其他优抚对象信息采集", PUB, "TYFW", days=(5, 0), case_class=IMMEDIATE, theme=SOCIAL,
         level=TOWNSHIP, window="05", basis="《中华人民共和国退役军人保障法》",
         conditions="户籍在本乡镇(街道)的退役军人、烈士遗属、因公牺牲军人遗属、病故军人遗属等",
         materials=[ID_CARD, m("退出现役证或相关证明", "原件"), HUKOU],
         forms=[WINDOW, PROXY], events=["退役军人服务"], keywords="信息采集 退役军人 优抚"),
    item("50005", "农村土地经营权流转合同备案", OTH, "ZF", days=(5, 0), case_class=IMMEDIATE, theme=PROD,
         level=TOWNSHIP, window="06",
         basis="《中华人民共和国农村土地承包法》第三十六条\n《农村土地经营权流转管理办法》",
         conditions="承包方依法采取出租(转包)、入股或者其他方式向他人流转土地经营权,已签订书面流转合同并向发包方备案",
         materials=[cp("土地经营权流转合同", "双方签字,载明地块、面积、期限、用途和价款"), ID_CARD,
                    m("发包方备案意见", "村民委员会或村民小组签署")],
         proxy=True, forms=[WINDOW, PROXY], keywords="土地流转 流转备案 承包地"),
    item("50006", "老年人优待证办理", PUB, "ZF", days=(5, 0), case_class=IMMEDIATE, theme=SOCIAL, level=TOWNSHIP, window="04",
         basis="《中华人民共和国老年人权益保障法》\n省老年人优待办法",
         conditions="年满60周岁的本乡镇(街道)户籍老年人或在本地居住的老年人",
         materials=[ID_CARD, m("近期免冠彩色照片", "1寸照片1张,现场拍摄的免于提交")],
         proxy=True, forms=[WINDOW, ONLINE, PROXY], events=["养老"], keywords="老年证 优待证 敬老卡", visits=0, depth=3),
]


def township_items() -> list[ItemDef]:
    """Every township item, once per township that implements it."""
    return [replace(d, centre=t) for t in TOWNSHIPS for d in _BASE if not (t == "hedong" and d.main in RURAL)]
