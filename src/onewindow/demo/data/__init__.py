"""The demo data as plain Python: the network (network.py), the staff (staff.py) and the catalogue
(items_*.py by department, items_township.py, bundles.py). Loaders in demo.loaders write it through
the services; nothing here touches the database."""

from __future__ import annotations

from onewindow.demo.data import (
    items_agriculture_transport,
    items_civil_affairs,
    items_construction_tax,
    items_health_education,
    items_human_resources,
    items_industry_culture,
    items_land,
    items_market,
    items_medical_housing_fund,
    items_public_security,
)
from onewindow.demo.data.bundles import BUNDLES, DELEGATIONS
from onewindow.demo.data.dsl import ItemDef
from onewindow.demo.data.items_township import township_items

COUNTY_ITEMS: list[ItemDef] = [
    *items_market.ITEMS, *items_public_security.ITEMS, *items_human_resources.ITEMS,
    *items_medical_housing_fund.ITEMS, *items_land.ITEMS, *items_construction_tax.ITEMS,
    *items_civil_affairs.ITEMS, *items_health_education.ITEMS, *items_agriculture_transport.ITEMS,
    *items_industry_culture.ITEMS,
]
TOWNSHIP_ITEMS: list[ItemDef] = township_items()
# Components are created before their bundles.
ALL_ITEMS: list[ItemDef] = [*COUNTY_ITEMS, *TOWNSHIP_ITEMS, *(b.item for b in BUNDLES)]

__all__ = ["ALL_ITEMS", "BUNDLES", "COUNTY_ITEMS", "DELEGATIONS", "TOWNSHIP_ITEMS"]
