"""Lines, settings and windows: which window calls which line, who may call at a window."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet

from onewindow.core.errors import NotFound
from onewindow.network.models import Centre, DutyStatus, Staff, Window
from onewindow.queueing.models import QueueLine, QueueSettings

MAX_ID = 2**62  # ids from a URL beyond the database's bigint are simply not found (never a 500)


def centre_public(*, centre_id: int | None) -> Centre:
    """An active centre for the public pages and endpoints, or NotFound(centre_not_found)."""
    centre = Centre.objects.filter(pk=centre_id, active=True).first() if centre_id else None
    if centre is None:
        raise NotFound(
            "centre_not_found", "服务中心不存在", "No such service centre", detail={"centre": centre_id}
        )
    return centre


def queue_settings(*, centre: Centre | int) -> QueueSettings:
    """The centre's rules; an unsaved instance with the defaults when it has none."""
    centre_id = centre if isinstance(centre, int) else centre.pk
    return QueueSettings.objects.filter(centre_id=centre_id).first() or QueueSettings(centre_id=centre_id)


def active_lines(*, centre: Centre | int) -> list[QueueLine]:
    """The centre's active lines in kiosk order, with the ids of their listed windows prefetched."""
    return list(
        QueueLine.objects.filter(centre=centre, active=True)
        .prefetch_related(Prefetch("windows", queryset=Window.objects.only("id")))
        .order_by("position", "prefix")
    )


def line_for(*, centre: Centre, code: str = "", theme: str = "") -> QueueLine:
    """The active line by code, or else the first active line of a theme (or a window kind)."""
    qs = QueueLine.objects.filter(centre=centre, active=True).order_by("position", "prefix")
    line = None
    if code:
        line = qs.filter(code=code).first()
    elif theme:
        line = qs.filter(theme=theme).first() or qs.filter(window_kind=theme).first()
    if line is None:
        raise NotFound(
            "line_not_found",
            "取号业务不存在或已停用",
            "No such queue line at this centre",
            detail={"line": code or None, "theme": theme or None},
        )
    return line


def line_serves(line: QueueLine, window: Window, listed: set[int] | None = None) -> bool:
    """docs/queue.md "Which window calls which line": the listed windows, else the theme, else the
    kind. `listed`: the line's listed window ids when already known (else read, or the prefetch)."""
    if listed is None:
        listed = {w.pk for w in line.windows.all()}
    if listed:
        return window.pk in listed
    if line.theme:
        return line.theme in (window.themes or [])
    return bool(line.window_kind) and window.kind == line.window_kind


def lines_served(*, lines: Iterable[QueueLine], windows: Iterable[Window]) -> list[QueueLine]:
    windows = list(windows)
    return [line for line in lines if any(line_serves(line, w) for w in windows)]


def covered_windows(*, staff: Staff, window: Window) -> list[Window]:
    """The windows `staff` calls for when calling at `window`: the window itself and, when it is the
    staff member's own window, the windows of colleagues they back up (AB岗) who are not on duty."""
    windows = [window]
    if staff.window_id == window.pk:
        windows += list(
            Window.objects.filter(staff__backup=staff, centre_id=window.centre_id, active=True)
            .exclude(staff__duty_status=DutyStatus.ON_DUTY)
            .exclude(pk=window.pk)
            .distinct()
        )
    return windows


def staff_may_operate(*, staff: Staff, window: Window) -> bool:
    """Staff work at a window that is theirs, or that belongs to a colleague they back up."""
    if staff.centre_id != window.centre_id:
        return False
    return staff.window_id == window.pk or Staff.objects.filter(window=window, backup=staff).exists()


def window_for_staff(*, staff: Staff, window_id: int) -> Window:
    """A window of the staff member's centre (another centre's window does not exist for them)."""
    window = (
        Window.objects.select_related("centre").filter(pk=window_id, centre_id=staff.centre_id).first()
        if 0 < window_id < MAX_ID
        else None
    )
    if window is None:
        raise NotFound("window_not_found", "窗口不存在", "No such window", detail={"window": window_id})
    return window


def windows_open(*, line: QueueLine, windows: Iterable[Window] | None = None) -> int:
    """Active windows serving the line with a staff member on duty (at least 1, for the prediction)."""
    if windows is None:
        windows = open_windows(centre=line.centre_id)
    listed = {w.pk for w in line.windows.all()}
    return max(1, sum(1 for w in windows if line_serves(line, w, listed)))


def open_windows(*, centre: Centre | int) -> QuerySet[Window]:
    return Window.objects.filter(centre=centre, active=True, staff__duty_status=DutyStatus.ON_DUTY).distinct()
