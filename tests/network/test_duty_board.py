from onewindow.network.models import DutyStatus, Role
from onewindow.network.selectors import on_duty_board
from onewindow.network.services import staff_set_backup, staff_set_duty
from tests.factories import StaffFactory, UserFactory, WindowFactory


def test_board_lists_the_centre_staff_with_window_and_backup(centre, window, clerk, outsider,
                                                             django_assert_max_num_queries):
    other = StaffFactory(user=UserFactory(username="b"), name="乙", centre=centre, roles=[Role.CLERK],
                         window=WindowFactory(centre=centre, number="A02"))
    staff_set_backup(staff=clerk, backup=other)
    staff_set_duty(staff=other, status=DutyStatus.OUT, note="下村代办")
    with django_assert_max_num_queries(1):
        rows = [(s.name, s.window.number, s.duty_status, s.duty_note, s.backup.name if s.backup else None)
                for s in on_duty_board(centre=centre)]
    assert rows == [("clerk", "A01", "on_duty", "", "乙"), ("乙", "A02", "out", "下村代办", None)]


def test_inactive_logins_are_not_on_the_board(centre, clerk):
    clerk.user.is_active = False
    clerk.user.save()
    assert list(on_duty_board(centre=centre)) == []
