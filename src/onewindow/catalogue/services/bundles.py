"""Joint bundles (联办): one item whose components are items of several departments, one of them the
lead window's item (DOMAIN §3: enterprise start-up, property transfer, social security)."""

from __future__ import annotations

from django.db import transaction

from onewindow.catalogue.models import BundleComponent, CaseClass, ItemVersion, ServiceItem
from onewindow.catalogue.services.rules import FieldError, raise_if_any


@transaction.atomic
def bundle_set_components(*, bundle: ServiceItem,
                          components: list[tuple[ServiceItem, bool]]) -> list[BundleComponent]:
    """Replace the bundle's components with `components` [(item, is_lead)], in order.

    Rules: exactly one lead; items of at least two departments; all of the bundle's centre; no item
    twice; no bundle inside a bundle (neither a component that is itself a bundle nor a bundle that
    is a component elsewhere); the bundle's latest version has case class "joint".
    An empty list dissolves the bundle.
    """
    bundle = ServiceItem.objects.select_for_update().get(pk=bundle.pk)
    components = list(components)
    if not components:
        BundleComponent.objects.filter(bundle=bundle).delete()
        return []
    errors: list[FieldError] = []
    items = [c[0] for c in components]
    ids = [i.pk for i in items]
    if sum(1 for _, lead in components if lead) != 1:
        errors.append(FieldError("components", "bundle_lead_count", "联办事项必须有且只有一个牵头事项",
                                 "A bundle needs exactly one lead component"))
    if len(set(ids)) != len(ids):
        errors.append(FieldError("components", "bundle_duplicate_component", "同一事项不能重复加入",
                                 "The same item appears twice"))
    if bundle.pk in ids:
        errors.append(FieldError("components", "bundle_contains_itself", "联办事项不能包含自身",
                                 "A bundle cannot contain itself"))
    if len({i.department_id for i in items}) < 2:
        errors.append(FieldError("components", "bundle_departments", "联办事项至少涉及两个部门",
                                 "A bundle needs components of at least two departments"))
    if any(i.centre_id != bundle.centre_id for i in items):
        errors.append(FieldError("components", "bundle_component_other_centre", "组成事项必须属于同一中心",
                                 "Every component must belong to the bundle's centre"))
    nested = BundleComponent.objects.filter(bundle_id__in=ids).exists() or \
        BundleComponent.objects.filter(component=bundle).exists()
    if nested:
        errors.append(FieldError("components", "bundle_nested", "联办事项不能嵌套",
                                 "A bundle cannot contain or be part of another bundle"))
    latest = ItemVersion.objects.filter(item=bundle).order_by("-number").first()
    if latest is None or latest.case_class != CaseClass.JOINT:
        errors.append(FieldError("bundle", "bundle_must_be_joint", "联办事项的默认办件类型必须为联办件",
                                 "A bundle's default case class must be joint"))
    raise_if_any(errors)
    BundleComponent.objects.filter(bundle=bundle).delete()
    return BundleComponent.objects.bulk_create([
        BundleComponent(bundle=bundle, component=item, is_lead=bool(lead), position=n)
        for n, (item, lead) in enumerate(components, start=1)])
