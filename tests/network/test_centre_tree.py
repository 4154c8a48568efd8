from onewindow.network.models import CentreLevel
from onewindow.network.selectors import centre_ancestors, centre_descendants
from tests.factories import CentreFactory


def tree():
    city = CentreFactory(name="市中心", level=CentreLevel.CITY)
    county = CentreFactory(name="县中心", level=CentreLevel.COUNTY, parent=city)
    other_county = CentreFactory(name="邻县中心", level=CentreLevel.COUNTY, parent=city)
    town = CentreFactory(name="镇中心", level=CentreLevel.TOWNSHIP, parent=county)
    village = CentreFactory(name="村服务室", level=CentreLevel.VILLAGE, parent=town)
    return city, county, other_county, town, village


def test_descendants_include_itself_breadth_first(db, django_assert_max_num_queries):
    city, county, other_county, town, village = tree()
    with django_assert_max_num_queries(4):
        found = centre_descendants(centre=city)
    assert found[0] == city
    assert set(found) == {city, county, other_county, town, village}
    assert found.index(village) > found.index(town) > found.index(county)


def test_descendants_of_a_branch(db):
    city, county, other_county, town, village = tree()
    assert centre_descendants(centre=county) == [county, town, village]
    assert centre_descendants(centre=county, include_self=False) == [town, village]
    assert centre_descendants(centre=village) == [village]


def test_ancestors_nearest_first(db):
    city, county, other_county, town, village = tree()
    assert centre_ancestors(centre=village) == [village, town, county, city]
    assert centre_ancestors(centre=village, include_self=False) == [town, county, city]
    assert centre_ancestors(centre=city) == [city]
