"""bundle_set_components: joint bundles (联办)."""

from __future__ import annotations

import pytest

from onewindow.catalogue import services
from onewindow.catalogue.models import BundleComponent
from onewindow.core.errors import Invalid
from tests.catalogue.factories import joint_bundle, published_item
from tests.factories import DepartmentFactory


@pytest.fixture
def parts(department, other_department):
    registration = published_item(department=department, name="企业设立登记")
    seal = published_item(department=other_department, name="公章刻制备案")
    tax = published_item(department=DepartmentFactory(centre=department.centre, code="SW"), name="税务登记")
    return registration, seal, tax


@pytest.fixture
def bundle(department):
    return joint_bundle(department=department)


def test_set_components_in_order(bundle, parts):
    registration, seal, tax = parts
    rows = services.bundle_set_components(bundle=bundle, components=[(registration, True), (seal, False),
                                                                     (tax, False)])
    assert [(r.component, r.is_lead, r.position) for r in rows] == [(registration, True, 1), (seal, False, 2),
                                                                    (tax, False, 3)]
    services.bundle_set_components(bundle=bundle, components=[(seal, True), (registration, False)])
    assert list(BundleComponent.objects.filter(bundle=bundle).order_by("position")
                .values_list("component__name", "is_lead")) == [("公章刻制备案", True),
                                                                ("企业设立登记", False)]
    services.bundle_set_components(bundle=bundle, components=[])
    assert not BundleComponent.objects.filter(bundle=bundle).exists()


def expect(bundle, components, code):
    before = list(BundleComponent.objects.values_list("bundle_id", "component_id", "is_lead"))
    with pytest.raises(Invalid) as exc:
        services.bundle_set_components(bundle=bundle, components=components)
    assert exc.value.code == code
    assert list(BundleComponent.objects.values_list("bundle_id", "component_id", "is_lead")) == before


def test_exactly_one_lead(bundle, parts):
    registration, seal, _ = parts
    expect(bundle, [(registration, False), (seal, False)], "bundle_lead_count")
    expect(bundle, [(registration, True), (seal, True)], "bundle_lead_count")


def test_at_least_two_departments(bundle, department):
    a = published_item(department=department)
    b = published_item(department=department)
    expect(bundle, [(a, True), (b, False)], "bundle_departments")


def test_no_duplicates_or_self(bundle, parts):
    registration, seal, _ = parts
    expect(bundle, [(registration, True), (registration, False), (seal, False)], "bundle_duplicate_component")
    expect(bundle, [(bundle, True), (seal, False)], "bundle_contains_itself")


def test_no_bundle_inside_a_bundle(bundle, parts, department):
    registration, seal, tax = parts
    services.bundle_set_components(bundle=bundle, components=[(registration, True), (seal, False)])
    outer = joint_bundle(department=department)
    expect(outer, [(bundle, True), (tax, False)], "bundle_nested")
    # Nor may a component become a bundle itself.
    expect(registration, [(tax, True), (seal, False)], "bundle_nested")


def test_components_of_the_same_centre(bundle, parts, other_centre):
    registration, _, _ = parts
    stranger = published_item(department=DepartmentFactory(centre=other_centre))
    expect(bundle, [(registration, True), (stranger, False)], "bundle_component_other_centre")


def test_bundle_must_be_joint(department, parts):
    registration, seal, _ = parts
    promised = published_item(department=department)
    expect(promised, [(registration, True), (seal, False)], "bundle_must_be_joint")
