import datetime as dt

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from onewindow.network.models import (
    Authorisation,
    Centre,
    Hall,
    HallClass,
    Region,
    Role,
    Seal,
    SealStatus,
    Staff,
    StaffRole,
    TownshipSlot,
    Window,
    WindowKind,
)
from onewindow.network.services import seal_register
from tests.factories import RegionFactory, StaffFactory, UserFactory, WindowFactory
from tests.network.helpers import township
from tests.network.i18n import zh


@pytest.fixture
def admin_client(client, db):
    user = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


@pytest.fixture
def network(centre, department, window, clerk, chief, outsider):
    Hall.objects.create(centre=centre, name="一楼大厅", floor_area_m2=260)
    seal = seal_register(centre=centre, department=department, name="审批专用章", code="S-1",
                         registered_on=dt.date(2026, 1, 1))
    return {"region": centre.region, "centre": centre, "department": department, "window": window,
            "staff": clerk, "authorisation": chief.authorisations.get(), "seal": seal}


MODELS = ["region", "centre", "department", "window", "staff", "authorisation", "seal"]


@pytest.mark.parametrize("model", MODELS)
def test_changelist_change_and_add_pages(admin_client, network, model):
    obj = network[model]
    assert admin_client.get(reverse(f"admin:network_{model}_changelist")).status_code == 200
    resp = admin_client.get(reverse(f"admin:network_{model}_change", args=[obj.pk]))
    assert resp.status_code == 200
    assert str(obj) in resp.content.decode()
    assert admin_client.get(reverse(f"admin:network_{model}_add")).status_code == 200


def test_staff_changelist_has_no_n_plus_one(admin_client, network, centre, django_assert_max_num_queries):
    for i in range(15):
        StaffFactory(centre=centre, roles=[Role.CLERK], window=network["window"])
    with django_assert_max_num_queries(12):
        resp = admin_client.get(reverse("admin:network_staff_changelist"))
    assert resp.status_code == 200


def test_centre_page_shows_hall_class_and_5x_gaps(admin_client, centre):
    town = township(centre)
    Hall.objects.create(centre=town, name="大厅", floor_area_m2=120)
    WindowFactory(centre=town, number="1", township_slot="market_access")
    page = admin_client.get(reverse("admin:network_centre_change", args=[town.pk])).content.decode()
    assert zh(HallClass.STANDARD.label) in page
    gaps = "、".join(zh(TownshipSlot(s).label) for s in ["urban_rural", "health", "livelihood", "military"])
    assert gaps in page  # the four missing slots, market access filled


def window_post(centre, **kw):
    data = {"centre": centre.pk, "hall": "", "number": "Z9", "name": "专窗", "kind": WindowKind.DEDICATED,
            "township_slot": "", "dedicated_kind": "公积金", "department": "", "active": "on"}
    data.update(kw)
    return data


def test_window_admin_rejects_a_fourth_dedicated_kind(admin_client, centre):
    for i, kind in enumerate(["不动产登记", "公安", "税务"]):
        WindowFactory(centre=centre, number=f"Z{i}", kind=WindowKind.DEDICATED, dedicated_kind=kind)
    resp = admin_client.post(reverse("admin:network_window_add"), window_post(centre))
    assert resp.status_code == 200
    errors = resp.context["adminform"].form.errors
    assert "dedicated_kind" in errors
    assert "3" in errors["dedicated_kind"][0]
    assert not Window.objects.filter(number="Z9").exists()


def test_window_admin_saves_through_the_service(admin_client, centre):
    resp = admin_client.post(reverse("admin:network_window_add"),
                             window_post(centre, kind=WindowKind.COMPREHENSIVE, dedicated_kind="",
                                         themes=["social", "investment"]))
    assert resp.status_code == 302, resp.context["adminform"].form.errors
    window = Window.objects.get(number="Z9")
    assert window.themes == ["social", "investment"]


def test_window_admin_rejects_5x_slot_outside_townships(admin_client, centre):
    resp = admin_client.post(reverse("admin:network_window_add"),
                             window_post(centre, kind=WindowKind.COMPREHENSIVE, dedicated_kind="",
                                         township_slot="health"))
    assert resp.status_code == 200
    assert "township_slot" in resp.context["adminform"].form.errors


def staff_post(staff, roles, **kw):
    data = {"user": staff.user_id, "name": staff.name, "employee_no": "", "centre": staff.centre_id,
            "department": staff.department_id or "", "window": staff.window_id or "", "backup": "",
            "duty_status": "on_duty", "duty_note": "",
            "roles-TOTAL_FORMS": len(roles), "roles-INITIAL_FORMS": 0, "roles-MIN_NUM_FORMS": 0,
            "roles-MAX_NUM_FORMS": 8}
    if staff.civil_servant:
        data["civil_servant"] = "on"
    for i, role in enumerate(roles):
        data[f"roles-{i}-role"] = role
        data[f"roles-{i}-staff"] = staff.pk
    data.update(kw)
    return data


def test_staff_admin_rejects_a_reviewer_who_is_not_a_civil_servant(admin_client, clerk):
    StaffRole.objects.filter(staff=clerk).delete()
    resp = admin_client.post(reverse("admin:network_staff_change", args=[clerk.pk]),
                             staff_post(clerk, [Role.REVIEWER]))
    assert resp.status_code == 200
    assert "后台审批人员须为公务人员" in resp.content.decode()  # the service's Chinese message
    assert not StaffRole.objects.filter(staff=clerk).exists()


def test_staff_admin_saves_roles_and_duty_through_the_services(admin_client, clerk):
    StaffRole.objects.filter(staff=clerk).delete()
    resp = admin_client.post(reverse("admin:network_staff_change", args=[clerk.pk]),
                             staff_post(clerk, [Role.CLERK, Role.ISSUER], duty_status="out",
                                        duty_note="培训"))
    assert resp.status_code == 302
    clerk.refresh_from_db()
    assert clerk.role_codes() == {"clerk", "issuer"}
    assert (clerk.duty_status, clerk.duty_note) == ("out", "培训")
    assert clerk.duty_changed_at is not None


def test_staff_admin_rejects_a_backup_without_a_shared_role(admin_client, clerk, issuer):
    StaffRole.objects.filter(staff=clerk).delete()
    resp = admin_client.post(reverse("admin:network_staff_change", args=[clerk.pk]),
                             staff_post(clerk, [Role.CLERK], backup=issuer.pk))
    assert resp.status_code == 200
    clerk.refresh_from_db()
    assert clerk.backup is None


def test_authorisation_admin_grants_through_the_service(admin_client, chief, department):
    chief.authorisations.all().delete()
    data = {"staff": chief.pk, "department": department.pk, "document_no": "授1", "direct_approval": "on",
            "seal_use": "on", "valid_from": "2026-01-01", "valid_to": ""}
    resp = admin_client.post(reverse("admin:network_authorisation_add"), data)
    assert resp.status_code == 302
    auth = Authorisation.objects.get(staff=chief)
    assert (auth.direct_approval, auth.fee_collection, auth.seal_use) == (True, False, True)


def test_authorisation_admin_refuses_a_non_chief(admin_client, reviewer, department):
    data = {"staff": reviewer.pk, "department": department.pk, "direct_approval": "on",
            "valid_from": "2026-01-01"}
    resp = admin_client.post(reverse("admin:network_authorisation_add"), data)
    assert resp.status_code == 200
    assert not Authorisation.objects.filter(staff=reviewer).exists()


def test_seal_revoke_action_asks_for_a_reason_then_revokes(admin_client, network):
    seal = network["seal"]
    url = reverse("admin:network_seal_changelist")
    page = admin_client.post(url, {"action": "revoke_seals", ACTION_CHECKBOX_NAME: [seal.pk]})
    assert page.status_code == 200
    assert 'name="reason"' in page.content.decode()
    assert Seal.objects.get(pk=seal.pk).status == SealStatus.ACTIVE
    done = admin_client.post(url, {"action": "revoke_seals", ACTION_CHECKBOX_NAME: [seal.pk], "apply": "1",
                                   "reason": "机构改革", "on": "2026-02-01"})
    assert done.status_code == 302
    seal.refresh_from_db()
    assert (seal.status, seal.revoked_on, seal.revoked_reason) == (SealStatus.REVOKED, dt.date(2026, 2, 1),
                                                                   "机构改革")


def test_region_admin_search(admin_client, network):
    resp = admin_client.get(reverse("admin:network_region_changelist"), {"q": "测试县"})
    assert resp.status_code == 200
    assert Region.objects.get(code="990101").name in resp.content.decode()


def test_staff_admin_adds_a_staff_member_with_roles_and_backup(admin_client, centre, clerk):
    user = UserFactory(username="newbie")
    data = staff_post(clerk, [Role.CLERK], user=user.pk, name="新人", backup=clerk.pk, window="")
    for key in [k for k in data if k.endswith("-staff")]:
        data[key] = ""
    resp = admin_client.post(reverse("admin:network_staff_add"), data)
    assert resp.status_code == 302
    staff = Staff.objects.get(user=user)
    assert staff.role_codes() == {"clerk"}
    assert staff.backup == clerk
    assert staff.duty_changed_at is not None


def test_centre_admin_stores_the_standard_name(admin_client, centre):
    region = RegionFactory(code="990101005", name="西镇", parent=centre.region)
    data = {"name": "西镇便民服务中心", "level": "township", "region": region.code, "parent": centre.pk,
            "active": "on", "case_number_format": "{region}{date:%Y%m%d}{seq:06d}",
            "halls-TOTAL_FORMS": 0, "halls-INITIAL_FORMS": 0, "halls-MIN_NUM_FORMS": 0,
            "halls-MAX_NUM_FORMS": 1000}
    resp = admin_client.post(reverse("admin:network_centre_add"), data)
    assert resp.status_code == 302, resp.context["adminform"].form.errors
    assert Centre.objects.get(name="西镇便民服务中心").standard_name == "测试县西镇行政综合服务中心"


def test_authorisation_revoke_action(admin_client, chief, department):
    auth = chief.authorisations.get()
    url = reverse("admin:network_authorisation_changelist")
    resp = admin_client.post(url, {"action": "revoke_authorisations", ACTION_CHECKBOX_NAME: [auth.pk],
                                   "apply": "1", "reason": "调岗", "on": "2026-02-01"})
    assert resp.status_code == 302
    auth.refresh_from_db()
    assert (auth.revoked, auth.revoked_on, auth.revoked_reason) == (True, dt.date(2026, 2, 1), "调岗")


def test_authorisation_change_page_is_read_only(admin_client, chief):
    auth = chief.authorisations.get()
    url = reverse("admin:network_authorisation_change", args=[auth.pk])
    assert admin_client.post(url, {"document_no": "篡改"}).status_code == 403


def test_window_changelist_has_no_n_plus_one(admin_client, centre, department, django_assert_max_num_queries):
    for i in range(20):
        WindowFactory(centre=centre, number=f"N{i}", department=department)
    with django_assert_max_num_queries(10):
        resp = admin_client.get(reverse("admin:network_window_changelist"))
    assert resp.content.decode().count(department.name) >= 20
