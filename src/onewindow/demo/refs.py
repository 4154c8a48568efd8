"""Demo objects by their natural keys, for the load steps and for later steps (e.g. a case
generator): centres by key ("county", "liutang", "liutang-fenglin" …), departments by code, windows
by number, staff by username, items by main code. Raise DoesNotExist when load_network /
load_staff / load_catalogue have not run."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from onewindow.catalogue.models import ServiceItem
from onewindow.demo.data.network import CENTRE_BY_KEY, COUNTY
from onewindow.network.models import Centre, Department, Staff, Window


def centre(key: str) -> Centre:
    d = CENTRE_BY_KEY[key]
    return Centre.objects.get(region_id=d.region, level=d.level)


def centres() -> dict[str, Centre]:
    """Every demo centre by key, in one query."""
    by_region = {(c.region_id, c.level): c for c in
                 Centre.objects.filter(region_id__in=[d.region for d in CENTRE_BY_KEY.values()])}
    return {key: by_region[(d.region, d.level)] for key, d in CENTRE_BY_KEY.items()
            if (d.region, d.level) in by_region}


def department(code: str, centre_key: str = COUNTY) -> Department:
    return Department.objects.get(centre=centre(centre_key), code=code)


def departments() -> dict[tuple[str, str], Department]:
    """Every demo department by (centre key, code)."""
    key_of = {c.pk: key for key, c in centres().items()}
    return {(key_of[d.centre_id], d.code): d for d in Department.objects.filter(centre_id__in=key_of)}


def window(number: str, centre_key: str = COUNTY) -> Window:
    return Window.objects.get(centre=centre(centre_key), number=number)


def staff(username: str) -> Staff:
    return Staff.objects.select_related("user", "centre", "department", "window").get(user__username=username)


def user(username: str):
    return get_user_model().objects.get(username=username)


def item(main: str, centre_key: str = COUNTY) -> ServiceItem:
    """The demo item with this main code at this centre (main codes are unique per centre)."""
    return ServiceItem.objects.get(centre=centre(centre_key), basic_code__regex=rf"^\d\d{main}")
