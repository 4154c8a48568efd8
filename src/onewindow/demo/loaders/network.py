"""Step load_network: regions, centres, halls, departments, windows and seals of demo.data.network.

Regions, centres, halls and departments have no services of their own (they are set up once by an
administrator), so they are upserted by natural key here; windows and seals go through
network.services so that the 5X and dedicated-window rules and the one-seal rule are checked."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from onewindow.demo import refs
from onewindow.demo.data.network import (
    CENTRES,
    CITY_REGION,
    COUNTY_REGION,
    DEPARTMENTS,
    HALLS,
    PROVINCE,
    SEALS,
    WINDOWS,
)
from onewindow.network.models import Centre, CentreLevel, Department, Hall, Region, Seal, Window
from onewindow.network.services import seal_register, window_save


def _regions() -> None:
    province = Region.objects.update_or_create(code=PROVINCE[0],
                                               defaults={"name": PROVINCE[1], "parent": None})[0]
    city = Region.objects.update_or_create(code=CITY_REGION[0], defaults={"name": CITY_REGION[1],
                                                                          "parent": province})[0]
    Region.objects.update_or_create(code=COUNTY_REGION[0],
                                    defaults={"name": COUNTY_REGION[1], "parent": city})
    for c in CENTRES:
        if len(c.region) > 6:  # townships (9 digits) hang under the county, villages (12) under a township
            parent = c.region[:6] if len(c.region) == 9 else c.region[:9]
            Region.objects.update_or_create(code=c.region,
                                            defaults={"name": c.region_name, "parent_id": parent})


def _centres() -> dict[str, Centre]:
    out: dict[str, Centre] = {}
    for c in CENTRES:  # parents come first
        out[c.key] = Centre.objects.update_or_create(
            region_id=c.region, level=c.level,
            defaults={"name": c.name, "standard_name": c.standard_name, "parent": out.get(c.parent),
                      "uscc": c.uscc, "address": c.address, "phone": c.phone, "opening_hours": c.hours,
                      "receipt_is_acceptance": c.receipt_is_acceptance, "active": True})[0]
    return out


@transaction.atomic
def load_network() -> str:
    """The fictional city, county, 3 townships and 6 villages with their halls, departments, windows
    and seals."""
    _regions()
    centres = _centres()
    halls = {(h.centre, h.name): Hall.objects.update_or_create(
        centre=centres[h.centre], name=h.name, defaults={"floor_area_m2": h.area, "floor": h.floor})[0]
        for h in HALLS}
    for d in DEPARTMENTS:
        Department.objects.update_or_create(
            centre=centres[d.centre], code=d.code,
            defaults={"name": d.name, "short_name": d.short_name, "uscc": d.uscc, "resident": d.resident,
                      "visiting_days": list(d.visiting_days), "active": True})
    depts = refs.departments()
    existing = {(w.centre_id, w.number): w for w in Window.objects.filter(centre__in=centres.values())}
    for w in WINDOWS:
        centre = centres[w.centre]
        window_save(centre=centre, number=w.number, name=w.name, kind=w.kind, themes=w.themes,
                    township_slot=w.slot, dedicated_kind=w.dedicated,
                    department=depts[(w.centre, w.dept)] if w.dept else None,
                    hall=halls[(w.centre, w.hall)] if w.hall else None,
                    window=existing.get((centre.pk, w.number)))
    known_seals = set(Seal.objects.filter(code__in=[s.code for s in SEALS]).values_list("code", flat=True))
    for s in SEALS:
        if s.code not in known_seals:
            seal_register(centre=centres[s.centre], name=s.name, code=s.code,
                          department=depts[(s.centre, s.dept)] if s.dept else None,
                          registered_on=dt.date.fromisoformat(s.registered_on))
    levels = [c.level for c in centres.values()]
    return (f"{levels.count(CentreLevel.CITY)} city, {levels.count(CentreLevel.COUNTY)} county, "
            f"{levels.count(CentreLevel.TOWNSHIP)} townships, {levels.count(CentreLevel.VILLAGE)} villages; "
            f"{len(halls)} halls, {len(depts)} departments, {len(WINDOWS)} windows, {len(SEALS)} seals")
