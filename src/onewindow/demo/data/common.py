"""Shared vocabulary of the demo catalogue: item types, themes, special procedures, the e-licence
types, and materials many items ask for.

E-licence type codes (licence_type / result_licence_type) are readable snake_case names of the
licence kinds in the e-licence library (电子证照库); a material with source licence_library need not be
submitted when the library holds the applicant's licence of that type.
"""

from __future__ import annotations

from typing import Any

from onewindow.catalogue.models import (
    ItemType,
    MaterialForm,
    MaterialMedium,
    MaterialSource,
    SpecialProcedure,
)
from onewindow.demo.data.dsl import MaterialDef, m
from onewindow.network.models import Theme

LIC, BEN, CONF, REW, ADJ, OTH, PUB = (t.value for t in (
    ItemType.LICENSING, ItemType.BENEFIT, ItemType.CONFIRMATION, ItemType.REWARD, ItemType.ADJUDICATION,
    ItemType.OTHER_POWER, ItemType.PUBLIC_SERVICE))
SOCIAL, REG, PROD, INV = (t.value for t in (Theme.SOCIAL, Theme.REGISTRATION, Theme.PRODUCTION,
                                             Theme.INVESTMENT))
SURVEY, EXPERT, HEARING, TENDER, AUCTION, INSPECTION, TESTING, QUARANTINE, APPRAISAL = (p.value for p in (
    SpecialProcedure.FIELD_SURVEY, SpecialProcedure.EXPERT_REVIEW, SpecialProcedure.HEARING,
    SpecialProcedure.TENDER, SpecialProcedure.AUCTION, SpecialProcedure.INSPECTION, SpecialProcedure.TESTING,
    SpecialProcedure.QUARANTINE, SpecialProcedure.APPRAISAL))

# code → (licence name, issuing body)
LICENCES: dict[str, tuple[str, str]] = {
    "resident_id_card": ("居民身份证", "公安机关"),
    "household_register": ("居民户口簿", "公安机关"),
    "residence_permit": ("居住证", "公安机关"),
    "passport": ("普通护照", "公安机关出入境管理机构"),
    "no_criminal_record": ("无犯罪记录证明", "公安机关"),
    "business_licence": ("营业执照", "市场监督管理部门"),
    "food_business_licence": ("食品经营许可证", "市场监督管理部门"),
    "food_production_licence": ("食品生产许可证", "市场监督管理部门"),
    "drug_business_licence": ("药品经营许可证", "药品监督管理部门"),
    "special_equipment_registration": ("特种设备使用登记证", "市场监督管理部门"),
    "marriage_certificate": ("结婚证", "婚姻登记机关"),
    "divorce_certificate": ("离婚证", "婚姻登记机关"),
    "adoption_certificate": ("收养登记证", "民政部门"),
    "social_organisation_certificate": ("社会团体法人登记证书", "民政部门"),
    "real_estate_certificate": ("不动产权证书", "不动产登记机构"),
    "real_estate_proof": ("不动产登记证明", "不动产登记机构"),
    "land_planning_permit": ("建设用地规划许可证", "自然资源主管部门"),
    "project_planning_permit": ("建设工程规划许可证", "自然资源主管部门"),
    "rural_planning_permit": ("乡村建设规划许可证", "乡镇人民政府"),
    "site_selection_opinion": ("建设项目用地预审与选址意见书", "自然资源主管部门"),
    "logging_licence": ("林木采伐许可证", "林业主管部门"),
    "construction_permit": ("建筑工程施工许可证", "住房和城乡建设主管部门"),
    "presale_permit": ("商品房预售许可证", "住房和城乡建设主管部门"),
    "gas_licence": ("燃气经营许可证", "燃气管理部门"),
    "birth_medical_certificate": ("出生医学证明", "助产医疗机构"),
    "medical_institution_licence": ("医疗机构执业许可证", "卫生健康主管部门"),
    "physician_certificate": ("医师执业证书", "卫生健康主管部门"),
    "nurse_certificate": ("护士执业证书", "卫生健康主管部门"),
    "hygiene_licence": ("公共场所卫生许可证", "卫生健康主管部门"),
    "radiation_licence": ("放射诊疗许可证", "卫生健康主管部门"),
    "social_security_card": ("社会保障卡", "人力资源社会保障部门"),
    "employment_card": ("就业创业证", "人力资源社会保障部门"),
    "disability_certificate": ("中华人民共和国残疾人证", "残疾人联合会"),
    "disabled_veteran_certificate": ("中华人民共和国残疾军人证", "退役军人事务部门"),
    "discharge_certificate": ("退出现役证", "军队"),
    "veteran_card": ("退役军人优待证", "退役军人事务部门"),
    "teacher_qualification": ("教师资格证书", "教育行政部门"),
    "private_school_licence": ("民办学校办学许可证", "教育行政部门"),
    "pesticide_licence": ("农药经营许可证", "农业农村主管部门"),
    "vet_drug_licence": ("兽药经营许可证", "农业农村主管部门"),
    "animal_epidemic_certificate": ("动物防疫条件合格证", "农业农村主管部门"),
    "animal_quarantine_certificate": ("动物检疫合格证明", "动物卫生监督机构"),
    "seed_licence": ("农作物种子生产经营许可证", "农业农村主管部门"),
    "fishing_licence": ("渔业捕捞许可证", "渔业主管部门"),
    "farm_machine_registration": ("拖拉机和联合收割机登记证书", "农业农村主管部门"),
    "road_transport_licence": ("道路运输经营许可证", "交通运输主管部门"),
    "entertainment_licence": ("娱乐经营许可证", "文化和旅游主管部门"),
    "performance_licence": ("营业性演出许可证", "文化和旅游主管部门"),
    "sports_licence": ("高危险性体育项目经营许可证", "体育主管部门"),
    "pollutant_permit": ("排污许可证", "生态环境主管部门"),
    "water_permit": ("取水许可证", "水行政主管部门"),
    "hazardous_chemicals_licence": ("危险化学品经营许可证", "应急管理部门"),
    "fireworks_licence": ("烟花爆竹经营(零售)许可证", "应急管理部门"),
    "labour_dispatch_licence": ("劳务派遣经营许可证", "人力资源社会保障部门"),
    "hr_service_licence": ("人力资源服务许可证", "人力资源社会保障部门"),
}


def lic(code: str, standard: str = "", name: str = "", conditional: bool = False, **kw: Any) -> MaterialDef:
    """A material the e-licence library can supply: the clerk retrieves it instead of asking for it."""
    licence_name, body = LICENCES[code]
    return MaterialDef(name or licence_name, standard or f"{licence_name}原件,在有效期内,信息与申请人一致;"
                       "可通过电子证照库调取的免于提交", conditional=conditional,
                       source=MaterialSource.LICENCE_LIBRARY.value, licence_type=code, issuing_body=body,
                       medium=MaterialMedium.BOTH.value, **kw)


ID_CARD = lic("resident_id_card", "申请人本人居民身份证原件,在有效期内,人证一致(人脸核验);临时身份证亦可;"
              "电子证照库可调取的免于提交")
HUKOU = lic("household_register", "户口簿首页及本人页,与身份证信息一致;集体户口提供集体户口首页和本人页")
BIZ = lic("business_licence", "营业执照正本或副本,在有效期内,名称、统一社会信用代码与申请书一致;"
          "电子营业执照亦可")
LEGAL_ID = lic("resident_id_card", "法定代表人(负责人)身份证原件,在有效期内", name="法定代表人居民身份证")
PHOTO = m("近期免冠彩色照片", "近6个月内正面免冠白底彩色照片,尺寸35mm×45mm;在窗口现场采集的免于提交",
          copies=2, medium=MaterialMedium.BOTH.value)
ELECTRONIC = MaterialForm.ELECTRONIC.value
