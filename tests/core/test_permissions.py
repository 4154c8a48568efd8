"""core.permissions: who is acting (authenticated_user, staff_of, acting_staff)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils.functional import SimpleLazyObject

from onewindow.accounts.models import User
from onewindow.core.errors import Forbidden, NotAuthenticated
from onewindow.core.permissions import acting_staff, authenticated_user, staff_of
from onewindow.network.models import Role
from tests.factories import UserFactory


def _request(user):
    request = RequestFactory().get("/")
    # As AuthenticationMiddleware does: request.user is a lazy proxy.
    request.user = SimpleLazyObject(lambda: user)
    return request


def test_authenticated_user_is_the_login_behind_the_request(clerk):
    user = authenticated_user(_request(clerk.user))
    assert isinstance(user, User)
    assert user.pk == clerk.user.pk


def test_authenticated_user_refuses_the_anonymous_user(db):
    with pytest.raises(NotAuthenticated) as exc:
        authenticated_user(_request(AnonymousUser()))
    assert exc.value.code == "not_authenticated"


def test_staff_of_is_none_for_anonymous_none_and_citizens(db):
    assert staff_of(None) is None
    assert staff_of(AnonymousUser()) is None
    assert staff_of(UserFactory(username="citizen")) is None


def test_staff_of_loads_the_profile_once_per_user_object(clerk, django_assert_num_queries):
    user = User.objects.get(pk=clerk.user.pk)
    with django_assert_num_queries(2):  # the staff row with its relations, then the roles
        staff = staff_of(user)
    assert staff is not None and staff.pk == clerk.pk
    with django_assert_num_queries(0):
        assert staff_of(user) is staff
        assert staff.department is None and staff.window is not None
        assert staff.role_codes() == {Role.CLERK}


def test_staff_of_caches_a_missing_profile_too(db, django_assert_num_queries):
    user = UserFactory(username="citizen")
    assert staff_of(user) is None
    with django_assert_num_queries(0):
        assert staff_of(user) is None


def test_staff_of_reads_through_the_lazy_request_user(clerk):
    staff = staff_of(_request(clerk.user).user)
    assert staff is not None and staff.pk == clerk.pk


def test_acting_staff_checks_login_profile_and_role(clerk, reviewer):
    with pytest.raises(NotAuthenticated):
        acting_staff(AnonymousUser())
    with pytest.raises(NotAuthenticated):
        acting_staff(None)
    with pytest.raises(Forbidden) as not_staff:
        acting_staff(UserFactory(username="citizen"))
    assert not_staff.value.code == "not_staff"
    with pytest.raises(Forbidden) as wrong_role:
        acting_staff(reviewer.user, Role.CLERK)
    assert wrong_role.value.code == "role_not_allowed"
    assert wrong_role.value.detail == {"required_any_of": [Role.CLERK]}
    assert acting_staff(clerk.user, Role.CLERK, Role.REVIEWER).pk == clerk.pk
    assert acting_staff(reviewer.user).pk == reviewer.pk
