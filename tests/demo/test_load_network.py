"""load_network: a fictional but realistic county network (DOMAIN §1, seed 000)."""

from __future__ import annotations

import re

from onewindow.core.identifiers import validate_uscc
from onewindow.demo import refs
from onewindow.network.models import (
    MAX_DEDICATED_KINDS,
    Centre,
    CentreLevel,
    Department,
    HallClass,
    Region,
    Seal,
    SealStatus,
    Theme,
    TownshipSlot,
    Window,
    WindowKind,
)
from onewindow.network.selectors import township_layout_gaps


def test_every_step_prints_one_summary_line(demo):
    lines = demo.strip().splitlines()
    from onewindow.demo.steps import STEPS

    names = [line.split()[0] for line in lines[:-1]]
    assert names == [step.__name__ for step in STEPS]
    assert names[:7] == ["load_network", "load_staff", "load_catalogue", "load_reviews", "load_seal_keys",
                         "load_demo_cases", "load_demo_citizens"]
    assert "1 city, 1 county, 3 townships, 6 villages" in lines[0]


def test_centre_tree_city_county_three_townships_six_villages(demo):
    county = refs.centre("county")
    assert county.name == "青禾县政务服务中心"
    assert county.parent == refs.centre("city") and county.parent.level == CentreLevel.CITY
    townships = list(Centre.objects.filter(level=CentreLevel.TOWNSHIP))
    assert len(townships) == 3 and all(t.parent_id == county.pk for t in townships)
    for t in townships:
        assert re.fullmatch(r"青禾县.{2,3}(镇|乡|街道)行政综合服务中心", t.standard_name), t.standard_name
        villages = Centre.objects.filter(level=CentreLevel.VILLAGE, parent=t)
        assert villages.count() == 2
        assert all(re.search(r"便民服务(室|站)$", v.name) for v in villages)
    assert Centre.objects.filter(level=CentreLevel.VILLAGE).count() == 6


def test_region_codes_are_gbt2260_shaped_under_an_unassigned_prefix(demo):
    codes = list(Region.objects.values_list("code", flat=True))
    assert codes and all(c.startswith("90") and len(c) in (6, 9, 12) and c.isdigit() for c in codes)
    for centre in Centre.objects.select_related("region__parent"):
        expected = {CentreLevel.CITY: 6, CentreLevel.COUNTY: 6, CentreLevel.TOWNSHIP: 9,
                    CentreLevel.VILLAGE: 12}
        assert len(centre.region_id) == expected[centre.level]
        if centre.parent_id:
            assert centre.region.parent_id == Centre.objects.get(pk=centre.parent_id).region_id


def test_hall_areas_match_the_level(demo):
    county = refs.centre("county")
    assert county.hall_class == HallClass.DEMONSTRATION
    assert max(county.halls.values_list("floor_area_m2", flat=True)) >= 200
    for t in Centre.objects.filter(level=CentreLevel.TOWNSHIP):
        assert all(100 <= h.floor_area_m2 <= 200 for h in t.halls.all())
    for v in Centre.objects.filter(level=CentreLevel.VILLAGE):
        assert v.hall_class == HallClass.BASIC


def test_county_has_resident_and_non_resident_departments(demo):
    depts = Department.objects.filter(centre=refs.centre("county"))
    assert depts.count() >= 15
    names = set(depts.values_list("name", flat=True))
    for expected in ("市场监督管理局", "公安局", "人力资源和社会保障局", "医疗保障局", "自然资源局",
                     "不动产登记中心", "住房和城乡建设局", "民政局", "卫生健康委员会", "交通运输局",
                     "农业农村局", "退役军人事务局", "残疾人联合会", "教育局", "政务服务和数据管理局"):
        assert f"青禾县{expected}" in names
    assert "国家税务总局青禾县税务局" in names
    non_resident = depts.filter(resident=False)
    assert depts.filter(resident=True).exists() and non_resident.exists()
    for d in non_resident:
        assert d.visiting_days and all(1 <= day <= 7 for day in d.visiting_days), d.name


def test_every_uscc_passes_the_gb32100_check(demo):
    codes = [*Centre.objects.exclude(uscc="").values_list("uscc", flat=True),
             *Department.objects.values_list("uscc", flat=True)]
    assert len(codes) > 30
    for code in codes:
        assert validate_uscc(code) == code
    assert len(set(codes)) == len(codes)


def test_county_has_windows_of_every_kind_and_theme(demo):
    windows = Window.objects.filter(centre=refs.centre("county"))
    assert set(windows.values_list("kind", flat=True)) == set(WindowKind.values)
    themes = {t for w in windows.filter(kind=WindowKind.COMPREHENSIVE) for t in w.themes}
    assert themes == set(Theme.values)
    dedicated = set(windows.filter(kind=WindowKind.DEDICATED).values_list("dedicated_kind", flat=True))
    assert dedicated == {"不动产登记", "税务", "公安户政"} and len(dedicated) <= MAX_DEDICATED_KINDS
    assert all(w.hall_id for w in windows)


def test_townships_use_the_5x_layout(demo):
    for t in Centre.objects.filter(level=CentreLevel.TOWNSHIP):
        assert township_layout_gaps(centre=t) == []
        assert Window.objects.filter(centre=t, township_slot=TownshipSlot.OPTIONAL).exists()


def test_one_seal_per_township_and_approval_seals_in_the_county(demo):
    for t in Centre.objects.filter(level=CentreLevel.TOWNSHIP):
        seals = Seal.objects.filter(centre=t, status=SealStatus.ACTIVE)
        assert [s.name for s in seals] == [t.standard_name.replace("行政综合服务中心", "审批服务专用章")]
    county_seals = Seal.objects.filter(centre=refs.centre("county"))
    assert county_seals.count() >= 15
    assert county_seals.get(department=refs.department("SCJG")).name == "青禾县市场监督管理局行政审批专用章"
