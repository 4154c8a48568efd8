"""Small builders shared by the network tests."""

from __future__ import annotations

from onewindow.network.models import Centre, CentreLevel
from tests.factories import CentreFactory, RegionFactory


def township(parent: Centre | None = None, *, code: str = "990101001", name: str = "城关镇") -> Centre:
    """A township centre under a county region (the GB/T 2260 tree gives the county's name)."""
    county_region = parent.region if parent is not None else RegionFactory(code="990101", name="测试县")
    region = RegionFactory(code=code, name=name, parent=county_region)
    return CentreFactory(name=f"{name}便民服务中心", level=CentreLevel.TOWNSHIP, region=region, parent=parent)
