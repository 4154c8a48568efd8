# ruff: noqa: E501 — catalogue text in Chinese; a line break inside it would not help reading.
"""The demo service network. FICTIONAL: every place, body, code, address and phone number here is
invented, though shaped like the real thing (DOMAIN §1, seed 000, 002, 003).

Region codes follow GB/T 2260 (6 digits; 9 for townships and streets; 12 for villages and
communities) under the province prefix **90**, which GB/T 2260 does not assign (real provinces use
11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82), so no demo code can be mistaken for a real
place. (The test fixtures use 99.) 900000 示例省 → 900100 澜川市 → 900121 青禾县 → townships
(001 street, 101 town, 201 township) → villages/communities (001 community, 201 village).

USCCs are computed with valid GB 11714 and GB 32100 check characters (demo.codes) over invented
organisation codes. Phone numbers use the area code 0000, which does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from onewindow.demo.codes import make_uscc
from onewindow.network.models import CentreLevel, Theme, TownshipSlot, WindowKind

PROVINCE = ("900000", "示例省")
CITY_REGION = ("900100", "澜川市")
COUNTY_REGION = ("900121", "青禾县")
COUNTY_CODE = COUNTY_REGION[0]

HOURS_COUNTY = ("周一至周五 上午9:00-12:00,下午13:30-17:30;周六上午9:00-12:00延时服务(可网上预约);"
                "法定节假日除外")
HOURS_TOWNSHIP = "周一至周五 上午8:30-12:00,下午14:00-17:30;农忙季节周六上午值班"
HOURS_VILLAGE = "周一至周五 上午8:30-11:30,下午14:30-17:00;代办员手机随时预约上门"


@dataclass(frozen=True)
class CentreDef:
    key: str
    region: str
    region_name: str
    level: str
    name: str
    standard_name: str
    parent: str
    uscc: str
    address: str
    phone: str
    hours: str
    receipt_is_acceptance: bool = False


def _centre(key, region, region_name, level, name, standard_name, parent, body, address, phone, hours,
            receipt_is_acceptance=False, kind="12") -> CentreDef:
    uscc = make_uscc(kind, COUNTY_CODE if len(region) > 6 else region, body) if body else ""
    return CentreDef(key, region, region_name, level, name, standard_name, parent, uscc, address, phone, hours,
                     receipt_is_acceptance)


CITY, COUNTY = "city", "county"
TOWNSHIPS = ("hedong", "liutang", "yunxi")
C, CO, T, V = CentreLevel.CITY, CentreLevel.COUNTY, CentreLevel.TOWNSHIP, CentreLevel.VILLAGE

CENTRES: tuple[CentreDef, ...] = (
    _centre(CITY, "900100", "澜川市", C, "澜川市政务服务中心", "澜川市政务服务中心", "", "MB0044A7",
            "澜川市滨江新区市民中心A座", "0000-2812345", HOURS_COUNTY),
    _centre(COUNTY, "900121", "青禾县", CO, "青禾县政务服务中心", "青禾县政务服务中心", CITY, "MB0085C2",
            "青禾县禾兴大道88号", "0000-6612345", HOURS_COUNTY),
    _centre("hedong", "900121001", "禾东街道", T, "禾东街道行政综合服务中心", "青禾县禾东街道行政综合服务中心",
            COUNTY, "MB00U30F", "青禾县禾东街道人民路12号", "0000-6631001", HOURS_TOWNSHIP),
    # 柳塘镇 piloted "收件即受理" (DOMAIN §4): receiving complete materials is accepting them.
    _centre("liutang", "900121101", "柳塘镇", T, "柳塘镇行政综合服务中心", "青禾县柳塘镇行政综合服务中心",
            COUNTY, "MB025E88", "青禾县柳塘镇柳河街56号", "0000-6652101", HOURS_TOWNSHIP,
            receipt_is_acceptance=True),
    _centre("yunxi", "900121201", "云溪乡", T, "云溪乡行政综合服务中心", "青禾县云溪乡行政综合服务中心",
            COUNTY, "MB0274D1", "青禾县云溪乡云溪街3号", "0000-6673201", HOURS_TOWNSHIP),
    _centre("hedong-hedong", "900121001001", "禾东社区", V, "禾东社区便民服务站",
            "青禾县禾东街道禾东社区便民服务站", "hedong", "", "青禾县禾东街道文昌路8号社区党群服务中心一楼",
            "0000-6631011", HOURS_VILLAGE),
    _centre("hedong-guiyuan", "900121001002", "桂园社区", V, "桂园社区便民服务站",
            "青禾县禾东街道桂园社区便民服务站", "hedong", "", "青禾县禾东街道桂园小区9栋架空层",
            "0000-6631012", HOURS_VILLAGE),
    _centre("liutang-fenglin", "900121101201", "枫林村", V, "枫林村便民服务室", "青禾县柳塘镇枫林村便民服务室",
            "liutang", "", "青禾县柳塘镇枫林村村委会", "0000-6652111", HOURS_VILLAGE),
    _centre("liutang-hekou", "900121101202", "河口村", V, "河口村便民服务室", "青禾县柳塘镇河口村便民服务室",
            "liutang", "", "青禾县柳塘镇河口村村委会", "0000-6652112", HOURS_VILLAGE),
    _centre("yunxi-chaling", "900121201201", "茶岭村", V, "茶岭村便民服务室", "青禾县云溪乡茶岭村便民服务室",
            "yunxi", "", "青禾县云溪乡茶岭村村委会", "0000-6673211", HOURS_VILLAGE),
    _centre("yunxi-shimen", "900121201202", "石门村", V, "石门村便民服务室", "青禾县云溪乡石门村便民服务室",
            "yunxi", "", "青禾县云溪乡石门村村委会", "0000-6673212", HOURS_VILLAGE),
)
CENTRE_BY_KEY = {c.key: c for c in CENTRES}
VILLAGES = tuple(c.key for c in CENTRES if c.level == V)


@dataclass(frozen=True)
class HallDef:
    centre: str
    name: str
    area: int
    floor: str


HALLS: tuple[HallDef, ...] = (
    HallDef(CITY, "市民中心政务服务大厅", 6800, "1-3F"),
    HallDef(COUNTY, "一楼综合服务大厅", 1680, "1F"),
    HallDef(COUNTY, "二楼不动产登记和税务服务区", 760, "2F"),
    HallDef("hedong", "便民服务大厅", 186, "1F"),
    HallDef("liutang", "便民服务大厅", 165, "1F"),
    HallDef("yunxi", "便民服务大厅", 118, "1F"),
    HallDef("hedong-hedong", "便民服务站", 62, "1F"),
    HallDef("hedong-guiyuan", "便民服务站", 55, "1F"),
    HallDef("liutang-fenglin", "便民服务室", 52, "1F"),
    HallDef("liutang-hekou", "便民服务室", 50, "1F"),
    HallDef("yunxi-chaling", "便民服务室", 56, "1F"),
    HallDef("yunxi-shimen", "便民服务室", 50, "1F"),
)


@dataclass(frozen=True)
class DepartmentDef:
    centre: str
    code: str
    name: str
    short_name: str
    uscc: str
    resident: bool = True
    visiting_days: tuple[int, ...] = ()
    phone: str = ""
    # The approval seal the department uses in the hall (seed 002 §一(二)3(6)); "" for none.
    seal: str = "行政审批专用章"


def _dept(centre, code, name, short, kind, body, resident=True, visiting=(), phone="", seal="行政审批专用章"):
    return DepartmentDef(centre, code, name, short, make_uscc(kind, COUNTY_CODE if centre != CITY else
                                                                 CITY_REGION[0], body),
                         resident, tuple(visiting), phone, seal)


# Non-resident departments (非常驻) staff the hall on their visiting days (ISO weekdays), at least
# once a week (seed 002 §一(二)2).
DEPARTMENTS: tuple[DepartmentDef, ...] = (
    _dept(COUNTY, "SCJG", "青禾县市场监督管理局", "县市场监管局", "11", "MB04MDNG", phone="0000-6612301"),
    _dept(COUNTY, "GA", "青禾县公安局", "县公安局", "11", "MB04R199", phone="0000-6612302"),
    _dept(COUNTY, "RS", "青禾县人力资源和社会保障局", "县人社局", "11", "MB051NP8", phone="0000-6612303"),
    _dept(COUNTY, "YB", "青禾县医疗保障局", "县医保局", "11", "MB05C56P", phone="0000-6612304"),
    _dept(COUNTY, "ZRZY", "青禾县自然资源局", "县自然资源局", "11", "MB067G56", phone="0000-6612305"),
    _dept(COUNTY, "BDC", "青禾县不动产登记中心", "县不动产登记中心", "12", "MB07110W", phone="0000-6612306",
          seal="不动产登记专用章"),
    _dept(COUNTY, "ZJ", "青禾县住房和城乡建设局", "县住建局", "11", "MB07606L", phone="0000-6612307"),
    _dept(COUNTY, "SW", "国家税务总局青禾县税务局", "县税务局", "11", "MB08JF22", phone="0000-6612308",
          seal="税务业务专用章"),
    _dept(COUNTY, "MZ", "青禾县民政局", "县民政局", "11", "MB08UHQ2", phone="0000-6612309"),
    _dept(COUNTY, "WJ", "青禾县卫生健康委员会", "县卫健委", "11", "MB0D6658", phone="0000-6612310"),
    _dept(COUNTY, "TY", "青禾县退役军人事务局", "县退役军人事务局", "11", "MB0M470R", phone="0000-6612311"),
    _dept(COUNTY, "ZWFW", "青禾县政务服务和数据管理局", "县政数局", "11", "MB0P47M6", phone="0000-6612345"),
    _dept(COUNTY, "GJJ", "澜川市住房公积金管理中心青禾县管理部", "县公积金管理部", "12", "MB0RY3RP",
          phone="0000-6612312", seal="住房公积金业务专用章"),
    _dept(COUNTY, "JT", "青禾县交通运输局", "县交通运输局", "11", "MB0X0HJ9", False, (2, 4), "0000-6612313"),
    _dept(COUNTY, "NY", "青禾县农业农村局", "县农业农村局", "11", "MB0X4P55", False, (1, 3), "0000-6612314"),
    _dept(COUNTY, "CL", "青禾县残疾人联合会", "县残联", "13", "MB0X8A69", False, (2, 5), "0000-6612315",
          seal="公共服务专用章"),
    _dept(COUNTY, "JY", "青禾县教育局", "县教育局", "11", "MB0YW864", False, (3,), "0000-6612316"),
    # Since the vertical-management reform a county's ecology office is a branch of the city bureau.
    _dept(COUNTY, "SHJ", "澜川市生态环境局青禾分局", "生态环境分局", "11", "MB113155", False, (2,),
          "0000-6612317"),
    _dept(COUNTY, "WL", "青禾县文化广电旅游体育局", "县文广旅体局", "11", "MB13537U", False, (4,), "0000-6612318"),
    _dept(COUNTY, "SL", "青禾县水利局", "县水利局", "11", "MB136C9L", False, (3,), "0000-6612319"),
    _dept(COUNTY, "FG", "青禾县发展和改革局", "县发改局", "11", "MB140320", False, (1, 4), "0000-6612320"),
    _dept(COUNTY, "YJ", "青禾县应急管理局", "县应急管理局", "11", "MB142537", False, (5,), "0000-6612321"),
    _dept(COUNTY, "XF", "青禾县消防救援大队", "县消防救援大队", "11", "MB160A10", False, (2, 4), "0000-6612119"),
    _dept(COUNTY, "GD", "国网澜川市青禾县供电有限公司", "县供电公司", "91", "MB16W656", phone="0000-95598",
          seal="业务受理专用章"),
    # City: the bodies escalated cases go to.
    _dept(CITY, "RS", "澜川市人力资源和社会保障局", "市人社局", "11", "MB17252E", phone="0000-2812303"),
    _dept(CITY, "TY", "澜川市退役军人事务局", "市退役军人事务局", "11", "MB18DYUN", phone="0000-2812311"),
    _dept(CITY, "WL", "澜川市文化广电旅游体育局", "市文广旅体局", "11", "MB1E7N13", phone="0000-2812318"),
    _dept(CITY, "SHJ", "澜川市生态环境局", "市生态环境局", "11", "MB1G2K26", phone="0000-2812317"),
)

# Township bodies: the township government (implements township items and holds the one seal), the
# police station and the veterans' service station that staffs the military-affairs window.
_TOWNSHIP_BODIES = {
    "hedong": ("青禾县人民政府禾东街道办事处", "禾东街道办", "禾东派出所", "禾东街道退役军人服务站",
               ("MB1H6KA7", "MB1J68KW", "MB1JF135")),
    "liutang": ("青禾县柳塘镇人民政府", "柳塘镇政府", "柳塘派出所", "柳塘镇退役军人服务站",
                ("MB1K86M8", "MB1KD318", "MB1T20BF")),
    "yunxi": ("青禾县云溪乡人民政府", "云溪乡政府", "云溪派出所", "云溪乡退役军人服务站",
              ("MB1X939J", "MB205A59", "MB2127N6")),
}
for _key, (_gov, _short, _pcs, _ty, (_b1, _b2, _b3)) in _TOWNSHIP_BODIES.items():
    DEPARTMENTS += (
        _dept(_key, "ZF", _gov, _short, "11", _b1, phone=CENTRE_BY_KEY[_key].phone, seal=""),
        _dept(_key, "PCS", f"青禾县公安局{_pcs}", _pcs, "11", _b2, phone=CENTRE_BY_KEY[_key].phone, seal=""),
        _dept(_key, "TYFW", _ty, _ty.removeprefix(CENTRE_BY_KEY[_key].region_name), "12", _b3, False, (2, 4),
              CENTRE_BY_KEY[_key].phone, seal=""),
    )

DEPARTMENT_BY_KEY = {(d.centre, d.code): d for d in DEPARTMENTS}


@dataclass(frozen=True)
class WindowDef:
    centre: str
    number: str
    name: str
    kind: str
    themes: tuple[str, ...] = ()
    slot: str = ""
    dedicated: str = ""
    dept: str = ""
    hall: str = ""


S, R, P, I_ = Theme.SOCIAL.value, Theme.REGISTRATION.value, Theme.PRODUCTION.value, Theme.INVESTMENT.value
K = WindowKind
H1, H2 = "一楼综合服务大厅", "二楼不动产登记和税务服务区"


def _w(number, name, kind, themes=(), dept="", dedicated="", hall=H1):
    return WindowDef(COUNTY, number, name, kind.value, tuple(themes), "", dedicated, dept, hall)


COUNTY_WINDOWS: tuple[WindowDef, ...] = (
    _w("A01", "社会民生综合受理窗口", K.COMPREHENSIVE, [S]),
    _w("A02", "社会民生综合受理窗口", K.COMPREHENSIVE, [S]),
    _w("A03", "社会民生综合受理窗口", K.COMPREHENSIVE, [S]),
    _w("A04", "登记注册综合受理窗口", K.COMPREHENSIVE, [R]),
    _w("A05", "登记注册综合受理窗口(企业开办专区)", K.COMPREHENSIVE, [R]),
    _w("A06", "生产经营综合受理窗口", K.COMPREHENSIVE, [P]),
    _w("A07", "生产经营综合受理窗口", K.COMPREHENSIVE, [P]),
    _w("A08", "投资建设综合受理窗口", K.COMPREHENSIVE, [I_]),
    _w("A09", "投资建设综合受理窗口(工程建设项目)", K.COMPREHENSIVE, [I_]),
    _w("A10", "无差别综合受理窗口(全科)", K.COMPREHENSIVE, [S, R, P, I_]),
    _w("B01", "综合发证窗口", K.ISSUING),
    _w("B02", "综合发证窗口(邮寄、自助柜)", K.ISSUING),
    _w("C01", "咨询导办台", K.CONSULTATION),
    _w("C02", "咨询导办台(取号、预约)", K.CONSULTATION),
    _w("D01", "自助服务辅导区", K.SELF_SERVICE),
    _w("E01", "帮办代办窗口(老年人、残疾人绿色通道)", K.ASSISTED),
    _w("F01", "跨省通办窗口", K.CROSS_REGION),
    _w("G01", "“办不成事”反映窗口", K.COMPLAINT),
    _w("H01", "惠企政策兑现窗口", K.POLICY),
    _w("Z01", "不动产登记专窗", K.DEDICATED, dept="BDC", dedicated="不动产登记", hall=H2),
    _w("Z02", "不动产登记专窗", K.DEDICATED, dept="BDC", dedicated="不动产登记", hall=H2),
    _w("Z03", "不动产登记专窗(抵押、查询)", K.DEDICATED, dept="BDC", dedicated="不动产登记", hall=H2),
    _w("Z04", "税务专窗", K.DEDICATED, dept="SW", dedicated="税务", hall=H2),
    _w("Z05", "税务专窗(房产交易税费)", K.DEDICATED, dept="SW", dedicated="税务", hall=H2),
    _w("Z06", "公安户政专窗", K.DEDICATED, dept="GA", dedicated="公安户政"),
    _w("Z07", "公安户政专窗(出入境)", K.DEDICATED, dept="GA", dedicated="公安户政"),
)

CITY_WINDOWS: tuple[WindowDef, ...] = (
    WindowDef(CITY, "A01", "综合受理窗口", K.COMPREHENSIVE.value, (S, R, P, I_), hall="市民中心政务服务大厅"),
    WindowDef(CITY, "B01", "综合发证窗口", K.ISSUING.value, hall="市民中心政务服务大厅"),
)

# The 5X layout (seed 000 §三(三)1): five mandatory windows plus X optional ones.
_TOWNSHIP_LAYOUT = (
    ("01", "市场准入窗口", K.COMPREHENSIVE, (R,), TownshipSlot.MARKET_ACCESS, "", "ZF"),
    ("02", "城乡建设窗口", K.COMPREHENSIVE, (I_,), TownshipSlot.URBAN_RURAL, "", "ZF"),
    ("03", "卫生健康窗口", K.COMPREHENSIVE, (S,), TownshipSlot.HEALTH, "", "ZF"),
    ("04", "民生保障窗口", K.COMPREHENSIVE, (S,), TownshipSlot.LIVELIHOOD, "", "ZF"),
    ("05", "涉军事务窗口", K.COMPREHENSIVE, (S,), TownshipSlot.MILITARY, "", "TYFW"),
    ("06", "综合窗口(农业、林业、水利、自然资源)", K.COMPREHENSIVE, (P,), TownshipSlot.OPTIONAL, "", "ZF"),
    ("07", "公安户籍窗口", K.DEDICATED, (), TownshipSlot.OPTIONAL, "公安户政", "PCS"),
    ("08", "咨询服务窗口(打印、复印、照相)", K.CONSULTATION, (), TownshipSlot.OPTIONAL, "", ""),
)
TOWNSHIP_WINDOWS: tuple[WindowDef, ...] = tuple(
    WindowDef(t, number, name, kind.value, themes, slot.value, dedicated, dept, "便民服务大厅")
    for t in TOWNSHIPS
    for number, name, kind, themes, slot, dedicated, dept in _TOWNSHIP_LAYOUT
    # 云溪乡 is small: its police station serves it from 柳塘, so it has no household window.
    if not (t == "yunxi" and number == "07")
)

VILLAGE_WINDOWS: tuple[WindowDef, ...] = tuple(
    WindowDef(v, "01", "便民代办窗口", K.ASSISTED.value, hall=next(h.name for h in HALLS if h.centre == v))
    for v in VILLAGES
)

WINDOWS = CITY_WINDOWS + COUNTY_WINDOWS + TOWNSHIP_WINDOWS + VILLAGE_WINDOWS


@dataclass(frozen=True)
class SealDef:
    centre: str
    dept: str  # "" for a township's one seal (一枚印章), which stands for the whole centre
    name: str
    code: str
    registered_on: str


def _seals() -> tuple[SealDef, ...]:
    seals = []
    county_depts = [d for d in DEPARTMENTS if d.centre == COUNTY and d.seal]
    for n, d in enumerate(county_depts, start=1):
        # Seal codes: region code + 7-digit serial, as in the police seal-management system.
        seals.append(SealDef(COUNTY, d.code, f"{d.name}{d.seal}", f"{COUNTY_CODE}{n:07d}", "2023-03-01"))
    for n, t in enumerate(TOWNSHIPS, start=801):
        name = CENTRE_BY_KEY[t].standard_name.replace("行政综合服务中心", "审批服务专用章")
        seals.append(SealDef(t, "", name, f"{COUNTY_CODE}{n:07d}", "2023-06-30"))
    return tuple(seals)


SEALS = _seals()
