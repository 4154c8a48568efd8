# ruff: noqa: E501 — catalogue text in Chinese; a line break inside it would not help reading.
"""The three joint bundles named by the seeds (DOMAIN §3) as "一件事" items, and the county items
delegated (赋权) to the townships (seed 000 §三(二)1)."""

from __future__ import annotations

from onewindow.demo.data.common import ID_CARD, LEGAL_ID, PUB, REG, SOCIAL, lic
from onewindow.demo.data.dsl import (
    JOINT,
    ONLINE,
    PROXY,
    WINDOW,
    BundleDef,
    DelegationDef,
    app_form,
    both,
    cond,
    item,
    m,
    opt,
    sit,
)

JOINT_BASIS = ("《优化营商环境条例》\n《国务院办公厅关于依托全国一体化政务服务平台进一步推进“一件事一次办”的通知》\n"
               "《中华人民共和国行政许可法》第二十六条")

BUNDLES = [
    BundleDef(item("90001", "企业开办一件事", PUB, "SCJG", days=(15, 1), case_class=JOINT, theme=REG,
                   basis=JOINT_BASIS + "\n《中华人民共和国市场主体登记管理条例》",
                   content="一表申请、一窗受理、并联办理、一次办结:营业执照、印章刻制、单位参保登记、"
                           "新办纳税人涉税事项和住房公积金单位缴存登记,1个工作日内办结,免费寄递",
                   conditions="新设立的企业;在登记注册综合受理窗口或网上“企业开办一网通办”平台申请",
                   materials=[app_form("企业开办一件事联办申请表", "一表填写登记、刻章、社保、税务和公积金信息"),
                              m("公司章程", "全体股东签名或盖章"), LEGAL_ID,
                              m("住所(经营场所)申报承诺书", "实行住所申报承诺制,申请人签字")],
                   proxy=True, forms=[WINDOW, ONLINE], events=["开办企业"], visits=0, depth=4,
                   keywords="企业开办 一件事 开公司 一网通办", result="营业执照、印章、发票",
                   result_licence="business_licence", delivery=("pickup", "mail", "locker")),
              components=("10001", "11009", "12007", "17002", "32003")),
    BundleDef(item("90002", "存量房买卖转移登记一件事", PUB, "BDC", days=(30, 1), case_class=JOINT, theme=SOCIAL,
                   basis=JOINT_BASIS + "\n《不动产登记暂行条例》第二十条\n《中华人民共和国契税法》第十条",
                   content="交易网签、缴税和转移登记一窗受理、并行办理,房产证与土地权属一并登记发证;"
                           "同步办理水电气网联动过户",
                   conditions="买卖双方已就存量房屋达成交易;房屋已登记,无查封",
                   materials=[app_form("存量房交易登记一件事申请表", "买卖双方签名"),
                              lic("resident_id_card", "买卖双方身份证明", name="买卖双方身份证明"),
                              lic("real_estate_certificate", "出卖人不动产权证书"), both("存量房买卖合同", "双方签字"),
                              cond(m("抵押权人同意转让的书面材料", "抵押权人盖章"))],
                   situations=[sit("房屋是否设有抵押?", opt("否"), opt("是", adds=["抵押权人同意转让的书面材料"]))],
                   proxy=True, forms=[WINDOW, ONLINE], events=["购房"], keywords="二手房 过户 一件事 水电气联动",
                   result="不动产权证书", result_licence="real_estate_certificate",
                   delivery=("pickup", "mail", "locker")),
              components=("15001", "16010", "17001", "33002")),
    BundleDef(item("90003", "社会保障联办一件事", PUB, "RS", days=(30, 25), case_class=JOINT, theme=SOCIAL,
                   basis=JOINT_BASIS + "\n《中华人民共和国社会保险法》\n《社会救助暂行办法》",
                   content="就业登记、城乡居民养老保险参保、最低生活保障和城乡居民医疗保险一次申请、并联办理",
                   conditions="本县户籍或常住居民,按各组成事项的条件分别审核",
                   materials=[app_form("社会保障联办申请表"), ID_CARD, lic("household_register"),
                              m("家庭经济状况核对授权书", "共同生活的家庭成员签字")],
                   proxy=True, forms=[WINDOW, PROXY], events=["就业", "社会救助", "养老", "就医"],
                   keywords="社保联办 一件事 低保 养老 医保"),
              components=("12001", "12004", "18004", "13001")),
]

# 青政发〔2023〕18号: the county's list of powers delegated to townships and streets.
_DOC, _FROM = "青政发〔2023〕18号", "2023-07-01"
_ALL = ("hedong", "liutang", "yunxi")
_RURAL = ("liutang", "yunxi")
DELEGATIONS = [
    DelegationDef("10004", _ALL, _DOC, _FROM),  # 个体工商户设立登记
    DelegationDef("12004", _ALL, _DOC, _FROM),  # 城乡居民基本养老保险参保登记
    DelegationDef("13001", _ALL, _DOC, _FROM),  # 城乡居民基本医疗保险参保登记
    DelegationDef("18004", _ALL, _DOC, _FROM),  # 最低生活保障审核确认
    DelegationDef("18005", _ALL, _DOC, _FROM),  # 特困人员救助供养审核确认
    DelegationDef("18007", _ALL, _DOC, _FROM),  # 高龄津贴申领
    DelegationDef("14004", _RURAL, _DOC, _FROM),  # 乡村建设规划许可证核发
    DelegationDef("14007", _RURAL, "青政发〔2024〕9号", "2024-03-01"),  # 林木采伐许可证核发
]

