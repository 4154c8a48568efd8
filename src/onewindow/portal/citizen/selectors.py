"""Reads of the citizen pages that are not case scoping (that is cases/selectors_citizen.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from onewindow.accounts.models import CitizenCase, Organisation, OrganisationMember, OrganisationRole, User
from onewindow.cases.models import Case
from onewindow.catalogue.models import ItemVersion, ServiceItem, Situation
from onewindow.catalogue.selectors import version_in_force
from onewindow.core.timeutil import today


@dataclass
class OrganisationRow:
    membership: OrganisationMember
    manages: bool
    members: list[OrganisationMember] = field(default_factory=list)


def organisations_of(*, user: User) -> list[OrganisationRow]:
    """The user's organisations; for those they manage, every member (others are not listed)."""
    memberships = list(OrganisationMember.objects.filter(user=user).select_related("organisation")
                       .order_by("organisation__name"))
    managed = {m.organisation_id for m in memberships
               if m.role in (OrganisationRole.LEGAL_REPRESENTATIVE, OrganisationRole.ADMIN)}
    members: dict[int, list[OrganisationMember]] = {}
    if managed:
        for m in (OrganisationMember.objects.filter(organisation_id__in=managed).select_related("user")
                  .order_by("added_at", "pk")):
            members.setdefault(m.organisation_id, []).append(m)
    return [OrganisationRow(membership=m, manages=m.organisation_id in managed,
                            members=members.get(m.organisation_id, [])) for m in memberships]


def member_organisations(*, user: User) -> list[Organisation]:
    return list(Organisation.objects.filter(members__user=user).order_by("name"))


@dataclass
class ApplyItem:
    item: ServiceItem
    version: ItemVersion
    situations: list[Situation]


def apply_item(*, code: str) -> ApplyItem | None:
    """The item and its version in force with the questionnaire, or None (the page answers 404)."""
    item = (ServiceItem.objects.filter(active=True, implementation_code=(code or "")[:40])
            .select_related("centre", "department").first())
    version = version_in_force(item=item, on=today()) if item is not None else None
    if item is None or version is None:
        return None
    situations = list(Situation.objects.filter(version=version).prefetch_related("options")
                      .order_by("position", "pk"))
    return ApplyItem(item=item, version=version, situations=situations)


def citizen_link(*, case: Case) -> CitizenCase | None:
    return CitizenCase.objects.filter(case=case).select_related("organisation").first()
