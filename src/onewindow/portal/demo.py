"""Demo data of the online service hall: the life events on the home page and a few published
articles (policies, notices, disclosure information) of the county centre, plus one draft.

Idempotent: life events by slug, articles by (centre, title)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from onewindow.core.timeutil import now
from onewindow.network.models import Centre, CentreLevel
from onewindow.portal.models import Article, ArticleKind, ArticleStatus, LifeEvent, LifeEventAudience

P, E = LifeEventAudience.PERSON, LifeEventAudience.ENTERPRISE
# (slug, name, catalogue tags, description, audience); the tags are the catalogue's life_events values.
LIFE_EVENTS = [
    ("start-business", "开办企业", ["开办企业"], "营业执照、公章刻制、税务登记、社保登记一次办", E),
    ("birth", "生育", ["生育"], "生育登记、出生医学证明、户口登记、医保参保", P),
    ("retirement", "退休", ["退休", "养老"], "退休审批、养老保险待遇、医保转移", P),
    ("employment", "就业创业", ["就业"], "就业登记、失业登记、创业补贴", P),
    ("school", "入学", ["入学"], "入学登记、学籍、资助", P),
    ("housing", "购房安居", ["购房", "住房"], "不动产登记、公积金提取、住房保障", P),
    ("medical", "就医", ["就医"], "医保参保、异地就医备案、报销", P),
    ("marriage", "婚姻登记", ["结婚"], "结婚登记及相关证明", P),
    ("assistance", "社会救助", ["社会救助", "残疾人服务"], "低保、特困供养、残疾人补贴", P),
    ("veterans", "退役军人服务", ["退役军人服务"], "优待证、抚恤、安置", P),
    ("construction", "工程建设", ["工程建设"], "立项、规划、施工许可、竣工验收", E),
    ("operation", "企业经营", ["企业经营"], "经营许可、变更、年报", E),
    ("deregistration", "企业注销", ["企业注销"], "注销登记一网通办", E),
    ("after-death", "身后事", ["身后事"], "死亡证明、户口注销、丧葬补助", P),
]

ARTICLES = [
    (ArticleKind.NOTICE, "关于周末延时服务和预约服务的公告",
     "中心在周六上午开放社会民生类业务预约服务，工作日中午不间断服务。",
     "为方便群众和企业办事，自本月起，县政务服务中心实行以下便民措施：\n\n"
     "一、工作日中午12:00至14:00，综合受理窗口实行不间断服务。\n\n"
     "二、每周六上午9:00至12:00开放社会民生类业务预约服务，可在网上办事大厅“预约办事”中选择。\n\n"
     "三、70周岁以上老年人、残疾人、孕妇等群体可走绿色通道，优先办理。", 2),
    (ArticleKind.POLICY, "县政务服务“一窗通办”改革实施方案",
     "推行前台综合受理、后台分类审批、统一窗口出件。",
     "按照“一门、一窗、一网”的要求，中心设置综合受理窗口，实行无差别受理；"
     "各进驻部门在后台分类审批，办理结果由综合发证窗口统一出件。\n\n"
     "申请材料实行一次性告知，群众办事“最多跑一次”。", 10),
    (ArticleKind.POLICY, "企业开办“一件事”集成服务办法",
     "营业执照、公章刻制、发票申领、社保登记一表申请、一窗受理。",
     "企业开办实行一表申请、一窗受理、并联审批、一次办结，全流程1个工作日内办结。", 20),
    (ArticleKind.DISCLOSURE, "县政务服务中心进驻部门及事项清单",
     "进驻部门、窗口设置及事项清单公开。",
     "本中心进驻部门、窗口设置、服务事项清单及办事指南在网上办事大厅“办事指南”栏目同步公开，"
     "并按季度复核更新。\n\n监督投诉电话：12345。", 30),
    (ArticleKind.DISCLOSURE, "上月办件情况和群众评价结果公示",
     "上月受理、办结、按时办结率和好差评情况。",
     "上月中心共受理各类事项办件，按时办结率保持在99%以上；群众评价“非常满意”“满意”占比98%以上。"
     "差评均已回访整改。", 5),
]
DRAFT_TITLE = "（草稿）春节期间服务安排"


def _county() -> Centre | None:
    return Centre.objects.filter(level=CentreLevel.COUNTY, active=True).order_by("id").first()


@transaction.atomic
def load_demo_portal() -> str:
    events_new = 0
    for position, (slug, name, tags, description, audience) in enumerate(LIFE_EVENTS, start=1):
        _, created = LifeEvent.objects.get_or_create(
            slug=slug, defaults={"name": name, "tags": tags, "description": description, "audience": audience,
                                 "position": position})
        events_new += created
    centre = _county()
    if centre is None:
        return f"portal: {events_new} new life events; no county centre, no articles"
    articles_new = 0
    at = now()
    for kind, title, summary, body, days_ago in ARTICLES:
        _, created = Article.objects.get_or_create(
            centre=centre, title=title,
            defaults={"kind": kind, "summary": summary, "body": body, "status": ArticleStatus.PUBLISHED,
                      "published_at": at - dt.timedelta(days=days_ago)})
        articles_new += created
    _, created = Article.objects.get_or_create(
        centre=centre, title=DRAFT_TITLE,
        defaults={"kind": ArticleKind.NOTICE, "body": "待审核后发布。", "status": ArticleStatus.DRAFT})
    articles_new += created
    return f"portal: {events_new} new life events, {articles_new} new articles"
