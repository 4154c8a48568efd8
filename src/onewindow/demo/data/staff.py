# ruff: noqa: E501 — rows of a table; one staff member per line reads best.
"""The demo staff (FICTIONAL people) and their logins. Every login's password is DEMO_PASSWORD.

The fixed demo logins (DEMO_LOGINS) are what a newcomer uses; `manage.py print_logins` lists them.
Clerks at the front desk may be contract staff (seed 000 §三(四)1); reviewers and chief
representatives are civil servants. Every clerk and reviewer names an AB-post backup who holds one of
their roles in the same centre.
"""

from __future__ import annotations

from dataclasses import dataclass

from onewindow.network.models import DutyStatus, Role

DEMO_PASSWORD = "onewindow-demo"

CLERK, REVIEWER, CHIEF, ISSUER, AGENT, MANAGER, SUPERVISOR, DEPT_ADMIN = (
    Role.CLERK.value, Role.REVIEWER.value, Role.CHIEF_REPRESENTATIVE.value, Role.ISSUER.value,
    Role.PROXY_AGENT.value, Role.CENTRE_MANAGER.value, Role.SUPERVISOR.value, Role.DEPARTMENT_ADMIN.value)
OUT, LEAVE = DutyStatus.OUT.value, DutyStatus.LEAVE.value


@dataclass(frozen=True)
class StaffDef:
    username: str
    name: str
    centre: str
    roles: tuple[str, ...]
    dept: str = ""
    window: str = ""
    civil_servant: bool = True
    backup: str = ""
    duty: tuple[str, str] = ("", "")  # (status, whereabouts) set when the member is first created
    admin: bool = False  # may use the Django admin (group "centre managers")


def s(username, name, centre, roles, dept="", window="", civil=True, backup="", duty=("", ""), admin=False):
    return StaffDef(username, name, centre, tuple(roles), dept, window, civil, backup, duty, admin)


C = "county"
STAFF: tuple[StaffDef, ...] = (
    # --- county centre: management and supervision
    s("manager", "陈立群", C, [MANAGER], backup="wuxiaoyan", admin=True),
    s("wuxiaoyan", "吴晓燕", C, [MANAGER], backup="manager", duty=(OUT, "参加县政府营商环境专题会"), admin=True),
    s("supervisor", "郑国栋", C, [SUPERVISOR], backup="liuyuhang"),
    s("liuyuhang", "刘宇航", C, [SUPERVISOR], backup="supervisor", duty=(LEAVE, "年休假")),
    # --- county centre: front desk (comprehensive, issuing, guidance, self-service, assisted, ...)
    s("liusiyu", "刘思雨", C, [CLERK], window="A01", civil=False, backup="huangjianhua"),
    s("huangjianhua", "黄建华", C, [CLERK], window="A02", backup="liusiyu"),
    s("linjiayi", "林佳怡", C, [CLERK], window="A03", civil=False, backup="clerk"),
    s("hejunfeng", "何俊峰", C, [CLERK], window="A04", backup="luodan"),
    s("luodan", "罗丹", C, [CLERK], window="A05", civil=False, backup="hejunfeng"),
    s("liangzhiqiang", "梁志强", C, [CLERK], window="A06", backup="songyaqin"),
    s("songyaqin", "宋雅琴", C, [CLERK], window="A07", civil=False, backup="liangzhiqiang",
      duty=(OUT, "到县农业农村局对接农药经营许可材料")),
    s("tangwenbin", "唐文斌", C, [CLERK], window="A08", backup="xuting"),
    s("xuting", "许婷", C, [CLERK], window="A09", civil=False, backup="tangwenbin"),
    s("clerk", "王海燕", C, [CLERK], window="A10", civil=False, backup="linjiayi"),
    s("issuer", "杨秀英", C, [ISSUER], window="B01", backup="zhaolei"),
    s("zhaolei", "赵磊", C, [ISSUER], window="B02", civil=False, backup="issuer"),
    s("sunxiaohong", "孙小红", C, [CLERK], window="C01", civil=False, backup="maxiao"),
    s("maxiao", "马骁", C, [CLERK], window="C02", civil=False, backup="sunxiaohong"),
    s("zhulin", "朱琳", C, [CLERK], window="D01", civil=False, backup="maxiao"),
    s("huyongkang", "胡永康", C, [AGENT, CLERK], window="E01", civil=False, backup="zhulin"),
    s("gaojing", "高静", C, [CLERK], window="F01", backup="clerk"),
    s("zhouweidong", "周卫东", C, [CLERK], window="G01", backup="gaojing"),
    s("fengxue", "冯雪", C, [CLERK], window="H01", backup="gaojing"),
    # --- resident departments: chief representatives (who also review), reviewers, dedicated windows
    s("chief", "李建国", C, [CHIEF, REVIEWER], dept="SCJG", backup="reviewer"),
    s("reviewer", "张敏", C, [REVIEWER], dept="SCJG", backup="wangzhigang"),
    s("wangzhigang", "王志刚", C, [REVIEWER], dept="SCJG", backup="reviewer", duty=(OUT, "食品经营许可现场核查(柳塘镇)")),
    s("linxiaowen", "林晓雯", C, [DEPT_ADMIN], dept="SCJG"),
    s("caozhenhua", "曹振华", C, [CHIEF, REVIEWER], dept="GA", backup="pengli"),
    s("pengli", "彭丽", C, [REVIEWER], dept="GA", backup="caozhenhua"),
    s("dengxiaojun", "邓晓军", C, [CLERK], dept="GA", window="Z06", civil=False, backup="jiangwen"),
    s("jiangwen", "蒋雯", C, [CLERK], dept="GA", window="Z07", civil=False, backup="dengxiaojun"),
    s("xiehongmei", "谢红梅", C, [CHIEF, REVIEWER], dept="RS", backup="hanbing"),
    s("hanbing", "韩冰", C, [REVIEWER], dept="RS", backup="zengfanping"),
    s("zengfanping", "曾凡平", C, [REVIEWER], dept="RS", backup="hanbing"),
    s("dongliwei", "董立伟", C, [CHIEF, REVIEWER], dept="YB", backup="panyue"),
    s("panyue", "潘悦", C, [REVIEWER], dept="YB", backup="dongliwei"),
    s("yuanzhijun", "袁志军", C, [CHIEF, REVIEWER], dept="BDC", backup="yuyang"),
    s("yuyang", "于洋", C, [REVIEWER], dept="BDC", backup="caiming"),
    s("caiming", "蔡明", C, [REVIEWER], dept="BDC", backup="yuyang", duty=(OUT, "不动产首次登记实地查看(禾东街道)")),
    s("yujia", "余佳", C, [CLERK], dept="BDC", window="Z01", civil=False, backup="dupeng"),
    s("dupeng", "杜鹏", C, [CLERK], dept="BDC", window="Z02", civil=False, backup="chengliang"),
    s("chengliang", "程亮", C, [CLERK], dept="BDC", window="Z03", backup="yujia"),
    s("weiguoqiang", "魏国强", C, [CHIEF, REVIEWER], dept="ZJ", backup="suqing"),
    s("suqing", "苏晴", C, [REVIEWER], dept="ZJ", backup="weiguoqiang"),
    s("lvhong", "吕红", C, [CHIEF, REVIEWER], dept="SW", backup="dingwei"),
    s("dingwei", "丁伟", C, [REVIEWER], dept="SW", backup="lvhong"),
    s("shenyulan", "沈玉兰", C, [CLERK], dept="SW", window="Z04", backup="renjie"),
    s("renjie", "任杰", C, [CLERK], dept="SW", window="Z05", backup="shenyulan"),
    s("yaochunyan", "姚春燕", C, [CHIEF, REVIEWER], dept="MZ", backup="lugang"),
    s("lugang", "卢刚", C, [REVIEWER], dept="MZ", backup="jianghui", duty=(OUT, "低保入户调查(云溪乡茶岭村)")),
    s("jianghui", "姜慧", C, [REVIEWER], dept="MZ", backup="lugang"),
    s("cuijianping", "崔建平", C, [CHIEF, REVIEWER], dept="WJ", backup="zhonglihua"),
    s("zhonglihua", "钟丽华", C, [REVIEWER], dept="WJ", backup="cuijianping"),
    s("tanyonghong", "谭永红", C, [CHIEF, REVIEWER], dept="ZRZY", backup="lubin"),
    s("lubin", "陆斌", C, [REVIEWER], dept="ZRZY", backup="tanyonghong", duty=(OUT, "临时用地现场踏勘")),
    s("wanghaijun", "汪海军", C, [CHIEF, REVIEWER], dept="TY", backup="fanwen"),
    s("fanwen", "范文", C, [REVIEWER], dept="TY", backup="wanghaijun"),
    s("zhangyu", "张宇", C, [DEPT_ADMIN, REVIEWER], dept="ZWFW", backup="qinlei"),
    s("qinlei", "秦磊", C, [REVIEWER], dept="ZWFW", backup="zhangyu"),
    s("guoli", "郭莉", C, [REVIEWER], dept="GJJ", backup="xiaoming"),
    s("xiaoming", "肖明", C, [REVIEWER, DEPT_ADMIN], dept="GJJ", backup="guoli"),
    s("gongxiaoyan", "龚小燕", C, [DEPT_ADMIN], dept="GD", civil=False),
    # --- non-resident departments: a reviewer and a department admin who stands in for them
    s("jinxin", "金鑫", C, [REVIEWER], dept="JT", backup="jiaqiang"),
    s("jiaqiang", "贾强", C, [DEPT_ADMIN, REVIEWER], dept="JT", backup="jinxin"),
    s("shilei", "石磊", C, [REVIEWER], dept="NY", backup="xiajun"),
    s("xiajun", "夏军", C, [DEPT_ADMIN, REVIEWER], dept="NY", backup="shilei"),
    s("baixuemei", "白雪梅", C, [REVIEWER], dept="CL", backup="kongfanli"),
    s("kongfanli", "孔繁丽", C, [DEPT_ADMIN, REVIEWER], dept="CL", backup="baixuemei"),
    s("fangzhiyuan", "方志远", C, [REVIEWER], dept="JY", backup="yandongmei"),
    s("yandongmei", "严冬梅", C, [DEPT_ADMIN, REVIEWER], dept="JY", backup="fangzhiyuan"),
    s("fuhongjun", "傅红军", C, [REVIEWER], dept="SHJ", backup="xueli"),
    s("xueli", "薛莉", C, [DEPT_ADMIN, REVIEWER], dept="SHJ", backup="fuhongjun"),
    s("qiuwenhua", "邱文华", C, [REVIEWER], dept="WL", backup="houjia"),
    s("houjia", "侯佳", C, [DEPT_ADMIN, REVIEWER], dept="WL", backup="qiuwenhua"),
    s("zoujianxin", "邹建新", C, [REVIEWER], dept="SL", backup="xiongyan"),
    s("xiongyan", "熊燕", C, [DEPT_ADMIN, REVIEWER], dept="SL", backup="zoujianxin"),
    s("mengfanchao", "孟凡超", C, [REVIEWER], dept="FG", backup="qinxue"),
    s("qinxue", "秦雪", C, [DEPT_ADMIN, REVIEWER], dept="FG", backup="mengfanchao"),
    s("jiangtao", "江涛", C, [REVIEWER], dept="YJ", backup="shijing"),
    s("shijing", "史静", C, [DEPT_ADMIN, REVIEWER], dept="YJ", backup="jiangtao"),
    s("guchen", "顾晨", C, [REVIEWER], dept="XF", backup="duanfei"),
    s("duanfei", "段飞", C, [DEPT_ADMIN, REVIEWER], dept="XF", backup="guchen"),
    # --- city centre
    s("sunjianmin", "孙建民", "city", [MANAGER]),
    # --- townships (5X windows: 01 market access, 02 urban-rural, 03 health, 04 livelihood, 05 military)
    s("huangzhiyong", "黄志勇", "hedong", [MANAGER, REVIEWER], dept="ZF", backup="zhoutingting"),
    s("zhoutingting", "周婷婷", "hedong", [REVIEWER], dept="ZF", backup="huangzhiyong"),
    s("wuhao", "吴昊", "hedong", [CLERK], dept="ZF", window="01", civil=False, backup="zhengjiaqi"),
    s("zhengjiaqi", "郑佳琪", "hedong", [CLERK], dept="ZF", window="03", civil=False, backup="wuhao"),
    s("wanglei", "王磊", "hedong", [CLERK], dept="ZF", window="06", civil=False, backup="wuhao"),
    s("liweiguo", "李卫国", "hedong", [CLERK], dept="TYFW", window="05", civil=False, backup="zhengjiaqi"),
    s("chenxiaodong", "陈晓东", "hedong", [CLERK], dept="PCS", window="07", civil=False, backup="wanglei"),
    s("liuchunhua", "刘春华", "liutang", [MANAGER, REVIEWER], dept="ZF", backup="yangfan"),
    s("yangfan", "杨帆", "liutang", [REVIEWER], dept="ZF", backup="liuchunhua", duty=(OUT, "宅基地选址到场(枫林村)")),
    s("zhangliping", "张丽萍", "liutang", [CLERK], dept="ZF", window="01", civil=False, backup="heyuxin"),
    s("heyuxin", "何雨欣", "liutang", [CLERK], dept="ZF", window="03", civil=False, backup="zhangliping"),
    s("huangtao", "黄涛", "liutang", [CLERK], dept="ZF", window="06", civil=False, backup="zhangliping"),
    s("zhaojianjun", "赵建军", "liutang", [CLERK], dept="TYFW", window="05", civil=False, backup="heyuxin"),
    s("sunhao", "孙浩", "liutang", [CLERK], dept="PCS", window="07", civil=False, backup="huangtao"),
    s("luoyongfu", "罗永福", "yunxi", [MANAGER, REVIEWER], dept="ZF", backup="xiexiaofang"),
    s("xiexiaofang", "谢小芳", "yunxi", [REVIEWER], dept="ZF", backup="luoyongfu"),
    s("dengli", "邓丽", "yunxi", [CLERK], dept="ZF", window="01", civil=False, backup="tianye"),
    s("tianye", "田野", "yunxi", [CLERK], dept="ZF", window="03", civil=False, backup="dengli"),
    s("jiangxiaobing", "蒋小兵", "yunxi", [CLERK], dept="ZF", window="06", civil=False, backup="dengli"),
    s("qinjianguo", "覃建国", "yunxi", [CLERK], dept="TYFW", window="05", civil=False, backup="tianye"),
    # --- villages and communities: the room's head and the proxy agent (代办员) back each other up
    s("maxiulan", "马秀兰", "hedong-hedong", [MANAGER, AGENT], window="01", civil=False, backup="wuxiaoqin"),
    s("wuxiaoqin", "吴小琴", "hedong-hedong", [AGENT], window="01", civil=False, backup="maxiulan"),
    s("zhujianhua", "朱建华", "hedong-guiyuan", [MANAGER, AGENT], window="01", civil=False, backup="xulijuan"),
    s("xulijuan", "许丽娟", "hedong-guiyuan", [AGENT], window="01", civil=False, backup="zhujianhua"),
    s("agent", "李秀梅", "liutang-fenglin", [AGENT], window="01", civil=False, backup="hedeming"),
    s("hedeming", "何德明", "liutang-fenglin", [MANAGER, AGENT], window="01", civil=False, backup="agent",
      duty=(OUT, "上门为独居老人代办高龄津贴")),
    s("huangguoping", "黄国平", "liutang-hekou", [MANAGER, AGENT], window="01", civil=False, backup="liuxiaoyan"),
    s("liuxiaoyan", "刘小燕", "liutang-hekou", [AGENT], window="01", civil=False, backup="huangguoping"),
    s("qindegui", "覃德贵", "yunxi-chaling", [MANAGER, AGENT], window="01", civil=False, backup="mengxiuzhen"),
    s("mengxiuzhen", "蒙秀珍", "yunxi-chaling", [AGENT], window="01", civil=False, backup="qindegui"),
    s("shichunsheng", "石春生", "yunxi-shimen", [MANAGER, AGENT], window="01", civil=False, backup="longxiaomei"),
    s("longxiaomei", "龙小梅", "yunxi-shimen", [AGENT], window="01", civil=False, backup="shichunsheng"),
)


@dataclass(frozen=True)
class AuthorisationDef:
    username: str
    dept: str
    abbreviation: str  # of the department, for the document number 青{abbr}授〔year〕n号


AUTHORISATIONS: tuple[AuthorisationDef, ...] = (
    AuthorisationDef("chief", "SCJG", "市监"), AuthorisationDef("caozhenhua", "GA", "公"),
    AuthorisationDef("xiehongmei", "RS", "人社"), AuthorisationDef("dongliwei", "YB", "医保"),
    AuthorisationDef("yuanzhijun", "BDC", "不动产"), AuthorisationDef("weiguoqiang", "ZJ", "住建"),
    AuthorisationDef("lvhong", "SW", "税"), AuthorisationDef("yaochunyan", "MZ", "民"),
    AuthorisationDef("cuijianping", "WJ", "卫健"), AuthorisationDef("tanyonghong", "ZRZY", "自然资源"),
    AuthorisationDef("wanghaijun", "TY", "退役"),
)
# Chief representatives whose previous (expired) authorisation is kept on record too.
RENEWED = ("chief", "yuanzhijun")


@dataclass(frozen=True)
class LoginDef:
    username: str
    role: str
    note: str


# The fixed logins a newcomer uses (brief: Foundation §7). `citizen` and `admin` have no staff profile.
DEMO_LOGINS: tuple[LoginDef, ...] = (
    LoginDef("manager", "centre_manager", "县政务服务中心管理员;可进入管理后台 /admin/"),
    LoginDef("clerk", "clerk", "A10 无差别综合受理窗口(全科)"),
    LoginDef("reviewer", "reviewer", "县市场监督管理局后台审批"),
    LoginDef("chief", "chief_representative", "县市场监督管理局首席代表(持授权书)"),
    LoginDef("issuer", "issuer", "B01 综合发证窗口"),
    LoginDef("supervisor", "supervisor", "县纪委监委派驻监察员"),
    LoginDef("agent", "proxy_agent", "柳塘镇枫林村便民服务室代办员"),
    LoginDef("citizen", "", "办事群众(无工作人员身份)"),
    LoginDef("admin", "", "系统管理员(超级用户)"),
)
CITIZEN = ("citizen", "李明华")
ADMIN = ("admin", "系统管理员")
