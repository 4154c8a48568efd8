"""Step load_staff: users, staff profiles, roles, AB-post backups, duty statuses, chief
representatives' authorisations, the citizen and admin logins, and the "centre managers" group.

Users and staff profiles are upserted by natural key (username; no service creates them yet); roles,
backups, the duty board and authorisations go through network.services, which check the rules
(reviewers are civil servants, a backup shares a role, one authorisation at a time).

Passwords are hashed once and the hash is shared by every demo login (one PBKDF2 run instead of a
hundred keeps the step fast); a password is only set when the user is created, so running the step
again changes nothing."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from onewindow.core.timeutil import today
from onewindow.demo import refs
from onewindow.demo.data.staff import ADMIN, AUTHORISATIONS, CITIZEN, DEMO_PASSWORD, RENEWED, STAFF, StaffDef
from onewindow.network.models import Authorisation, Staff, Window
from onewindow.network.services import authorisation_grant, staff_set_backup, staff_set_duty, staff_set_roles

MANAGERS_GROUP = "centre managers"
# Everything in the network and the catalogue (the admin a centre manager works in).
MANAGER_APPS = ("network", "catalogue")
ALL_POWERS = dict.fromkeys(Authorisation.POWERS, True)


class _Passwords:
    """The shared hash, computed on first use only."""

    def __init__(self) -> None:
        self._hash = ""

    def __call__(self) -> str:
        if not self._hash:
            self._hash = make_password(DEMO_PASSWORD)
        return self._hash


def _user(username: str, display_name: str, password: _Passwords, **flags: bool):
    User = get_user_model()  # noqa: N806
    user = User.objects.filter(username=username).first()
    if user is None:
        return User.objects.create(username=username, display_name=display_name, password=password(), **flags)
    changed = {k: v for k, v in {"display_name": display_name, **flags}.items() if getattr(user, k) != v}
    if changed:
        User.objects.filter(pk=user.pk).update(**changed)
    return user


def _staff(d: StaffDef, password: _Passwords, centres, depts, windows) -> Staff:
    user = _user(d.username, d.name, password, is_staff=d.admin)
    employee_no = f"QH{STAFF.index(d) + 1:04d}"
    staff, created = Staff.objects.update_or_create(user=user, defaults={
        "name": d.name, "employee_no": employee_no, "centre": centres[d.centre],
        "department": depts[(d.centre, d.dept)] if d.dept else None,
        "window": windows[(d.centre, d.window)] if d.window else None, "civil_servant": d.civil_servant})
    if set(staff.roles.values_list("role", flat=True)) != set(d.roles):
        staff_set_roles(staff=staff, roles=d.roles)
    if created and d.duty[0]:
        staff_set_duty(staff=staff, status=d.duty[0], note=d.duty[1])
    return staff


def _authorisations(staff_by_username: dict[str, Staff], depts) -> int:
    """Each chief representative holds an authorisation in force (last year to next year, all six
    powers); some also keep their expired previous one. Skipped when they already have any."""
    year = today().year
    made = 0
    for n, a in enumerate(AUTHORISATIONS, start=1):
        staff, dept = staff_by_username[a.username], depts[("county", a.dept)]
        if Authorisation.objects.filter(staff=staff, department=dept).exists():
            continue
        if a.username in RENEWED:
            authorisation_grant(staff=staff, department=dept, powers=ALL_POWERS,
                                valid_from=dt.date(year - 4, 1, 1), valid_to=dt.date(year - 2, 12, 31),
                                document_no=f"青{a.abbreviation}授〔{year - 4}〕{n}号")
            made += 1
        authorisation_grant(staff=staff, department=dept, powers=ALL_POWERS,
                            valid_from=dt.date(year - 1, 1, 1), valid_to=dt.date(year + 1, 12, 31),
                            document_no=f"青{a.abbreviation}授〔{year - 1}〕{n}号")
        made += 1
    return made


def _managers_group(staff_defs: tuple[StaffDef, ...]) -> None:
    group = Group.objects.get_or_create(name=MANAGERS_GROUP)[0]
    wanted = set(Permission.objects.filter(content_type__app_label__in=MANAGER_APPS)
                 .values_list("pk", flat=True))
    if set(group.permissions.values_list("pk", flat=True)) != wanted:
        group.permissions.set(wanted)
    for d in staff_defs:
        if d.admin:
            refs.user(d.username).groups.add(group)


@transaction.atomic
def load_staff() -> str:
    """Staff in every role across the demo centres, plus the citizen and admin logins."""
    password = _Passwords()
    centres = refs.centres()
    depts = refs.departments()
    key_of = {c.pk: key for key, c in centres.items()}
    windows = {(key_of[w.centre_id], w.number): w for w in Window.objects.filter(centre_id__in=key_of)}
    staff_by_username = {d.username: _staff(d, password, centres, depts, windows) for d in STAFF}
    for d in STAFF:
        staff = staff_by_username[d.username]
        backup = staff_by_username[d.backup] if d.backup else None
        if staff.backup_id != getattr(backup, "pk", None):
            staff_set_backup(staff=staff, backup=backup)
    authorisations = _authorisations(staff_by_username, depts)
    _managers_group(STAFF)
    _user(CITIZEN[0], CITIZEN[1], password)
    _user(ADMIN[0], ADMIN[1], password, is_staff=True, is_superuser=True)
    roles = Counter(r for d in STAFF for r in d.roles)
    return (f"{len(STAFF)} staff in {len({d.centre for d in STAFF})} centres "
            f"({', '.join(f'{n} {r}' for r, n in sorted(roles.items()))}); "
            f"{authorisations} new authorisations; logins citizen, admin")
