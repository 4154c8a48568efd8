import pytest
from django.urls import reverse
from django.utils import translation

from onewindow.network.models import CentreLevel, DutyStatus, Role
from onewindow.network.selectors import staff_capabilities
from onewindow.network.services import staff_set_backup, staff_set_duty
from tests.factories import StaffFactory, UserFactory
from tests.network.i18n import zh


@pytest.fixture
def home_url():
    return reverse("workbench:home")


def test_home_is_at_the_root(home_url):
    assert home_url == "/workbench/"


def test_anonymous_users_go_to_login(client, home_url, db):
    resp = client.get(home_url)
    assert resp.status_code == 302
    assert resp["Location"].startswith(reverse("login"))
    assert "next=/" in resp["Location"]


def test_clerk_sees_centre_window_roles_and_capabilities(client, clerk, home_url):
    client.force_login(clerk.user)
    resp = client.get(home_url)
    page = resp.content.decode()
    assert resp.status_code == 200
    assert "测试县政务服务中心" in page          # centre
    assert "A01 综合受理一号窗" in page           # window
    assert zh(Role.CLERK.label) in page          # role
    assert zh(DutyStatus.ON_DUTY.label) in page  # duty status
    assert zh("Give a one-time notice listing all missing materials") in page
    assert 'lang="zh-Hans"' in page
    assert reverse("api:openapi-view") in page
    assert reverse("admin:index") not in page    # not an admin


def test_standard_name_level_and_backup(client, clerk, centre):
    other = StaffFactory(user=UserFactory(username="b"), name="李四", centre=centre, roles=[Role.CLERK])
    staff_set_backup(staff=clerk, backup=other)
    staff_set_backup(staff=other, backup=clerk)
    staff_set_duty(staff=other, status=DutyStatus.OUT, note="下村代办")
    client.force_login(clerk.user)
    page = client.get("/workbench/").content.decode()
    assert "测试县政务服务中心" in page
    assert zh(CentreLevel.COUNTY.label) in page
    assert "李四" in page and zh(DutyStatus.OUT.label) in page


def test_chief_sees_department_and_powers(client, chief, department):
    client.force_login(chief.user)
    page = client.get("/workbench/").content.decode()
    assert department.name in page
    assert zh(Role.CHIEF_REPRESENTATIVE.label) in page
    with translation.override("zh-hans"):
        powers = staff_capabilities(staff=chief)
    assert len(powers) == 6
    for power in powers:
        assert power in page


def test_admin_link_for_staff_users(client, manager):
    manager.user.is_staff = True
    manager.user.save()
    client.force_login(manager.user)
    assert reverse("admin:index") in client.get("/workbench/").content.decode()


def test_citizen_sees_the_staff_side_message(client, db):
    citizen = UserFactory(username="citizen", display_name="王五")
    client.force_login(citizen)
    resp = client.get("/workbench/")
    page = resp.content.decode()
    assert resp.status_code == 200
    assert "王五" in page
    assert zh("This is the staff side") in page
    assert zh("Your post") not in page


def test_home_query_count_is_bounded(client, chief, django_assert_max_num_queries):
    client.force_login(chief.user)
    client.get("/workbench/")  # warm the session
    with django_assert_max_num_queries(11):
        assert client.get("/workbench/").status_code == 200


def test_role_tiles_link_only_to_the_roles_areas(client, reviewer, chief, manager):
    client.force_login(reviewer.user)
    page = client.get("/workbench/").content.decode()
    assert reverse("workbench:tasks") in page
    assert reverse("workbench:chief") not in page
    client.force_login(chief.user)
    page = client.get("/workbench/").content.decode()
    assert reverse("workbench:tasks") in page and reverse("workbench:chief") in page
    client.force_login(manager.user)
    assert reverse("workbench:manager") in client.get("/workbench/").content.decode()


def test_tiles_skip_names_that_do_not_resolve(monkeypatch, reviewer):
    from onewindow.workbench import selectors

    monkeypatch.setattr(selectors, "TILES", selectors.TILES + (
        ("workbench:nowhere", frozenset({Role.REVIEWER}), "x", "y"),))
    urls = [t.url for t in selectors.role_tiles(staff=reviewer)]
    assert reverse("workbench:tasks") in urls
    assert all(u and "nowhere" not in u for u in urls)
    assert len(urls) == len([t for t in selectors.TILES if Role.REVIEWER in t[1]]) - 1


def test_inbox_shows_unread_and_marks_read(client, chief, reviewer):
    from onewindow.notifications.models import Notification
    from onewindow.notifications.services import notification_send

    first = notification_send(dedupe_key="t1", channel="inbox", recipient=chief.user, text="办件即将超期")
    notification_send(dedupe_key="t2", channel="inbox", recipient=chief.user, text="第二条消息")
    notification_send(dedupe_key="t3", channel="inbox", recipient=reviewer.user, text="别人的消息")
    client.force_login(chief.user)
    page = client.get("/workbench/").content.decode()
    assert "办件即将超期" in page and "第二条消息" in page and "别人的消息" not in page
    resp = client.post(f"/workbench/inbox/{first.pk}/read/", HTTP_HX_REQUEST="true")
    assert resp.status_code == 200 and 'role="status"' in resp.content.decode()
    assert "办件即将超期" not in resp.content.decode()
    assert Notification.objects.get(pk=first.pk).read_at is not None
    other = Notification.objects.get(dedupe_key="t3")
    assert client.post(f"/workbench/inbox/{other.pk}/read/").status_code == 404  # not theirs
    assert Notification.objects.get(pk=other.pk).read_at is None
    resp = client.post("/workbench/inbox/0/read/")
    assert resp.status_code == 302
    assert not Notification.objects.filter(recipient=chief.user, read_at__isnull=True).exists()
