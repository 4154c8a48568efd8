import pytest

from onewindow.core.errors import Invalid
from onewindow.network.models import CentreLevel
from onewindow.network.services import centre_refresh_standard_name, centre_standard_name
from tests.factories import CentreFactory, RegionFactory
from tests.network.helpers import township


def test_township_under_a_county(centre):
    town = township(centre, name="城关镇")
    assert centre_standard_name(centre=town) == "测试县城关镇行政综合服务中心"


def test_street_uses_the_county_from_the_region_tree(db):
    street = township(None, code="990101002", name="东街街道")
    assert street.parent is None
    assert centre_standard_name(centre=street) == "测试县东街街道行政综合服务中心"


def test_falls_back_to_the_parent_centre_region(centre):
    town = CentreFactory(level=CentreLevel.TOWNSHIP, parent=centre,
                         region=RegionFactory(code="990101003", name="南乡"))
    assert centre_standard_name(centre=town) == "测试县南乡行政综合服务中心"


def test_district_is_written_with_its_city(db):
    city = RegionFactory(code="991200", name="青禾市")
    district = RegionFactory(code="991202", name="江城区", parent=city)
    town = CentreFactory(level=CentreLevel.TOWNSHIP, region=RegionFactory(code="991202001", name="白沙镇",
                                                                          parent=district))
    assert centre_standard_name(centre=town) == "青禾市江城区白沙镇行政综合服务中心"


def test_region_name_already_carrying_the_county_is_not_doubled(db):
    county = RegionFactory(code="990101", name="测试县")
    town = CentreFactory(level=CentreLevel.TOWNSHIP,
                         region=RegionFactory(code="990101009", name="测试县北镇", parent=county))
    assert centre_standard_name(centre=town) == "测试县北镇行政综合服务中心"


def test_village(db):
    village = CentreFactory(level=CentreLevel.VILLAGE,
                            region=RegionFactory(code="990101001001", name="杨柳村"))
    assert centre_standard_name(centre=village) == "杨柳村便民服务室"


def test_county(centre):
    assert centre_standard_name(centre=centre) == "测试县政务服务中心"


def test_unknown_county_is_invalid(db):
    town = CentreFactory(level=CentreLevel.TOWNSHIP, region=RegionFactory(code="990109001", name="孤镇"))
    with pytest.raises(Invalid) as exc:
        centre_standard_name(centre=town)
    assert exc.value.code == "county_unknown"


def test_refresh_stores_it(centre):
    town = township(centre)
    centre_refresh_standard_name(centre=town)
    town.refresh_from_db()
    assert town.standard_name == "测试县城关镇行政综合服务中心"
