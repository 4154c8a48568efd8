"""api_client_create and the client auth: scopes, centre/department scope, revocation."""

from __future__ import annotations

import pytest

from onewindow.core.errors import Invalid
from onewindow.exchange.auth import client_for_key
from onewindow.exchange.models import ApiClient
from onewindow.exchange.services import api_client_create, api_client_revoke
from tests.factories import DepartmentFactory


def test_key_is_shown_once_and_only_its_hash_is_kept(centre):
    client, key = api_client_create(name="x", centre=centre, scopes=["cases:read"])
    assert key.startswith("owc_")
    assert key not in ApiClient.objects.values_list("key_hash", flat=True)
    assert client_for_key(key) == client
    assert client_for_key(key + "x") is None
    assert client_for_key("not-a-client-key") is None


def test_unknown_scope_refused(centre):
    with pytest.raises(Invalid) as err:
        api_client_create(name="x", centre=centre, scopes=["cases:read", "cases:delete"])
    assert err.value.code == "unknown_scope"


def test_department_must_belong_to_the_centre(centre, other_centre):
    foreign = DepartmentFactory(centre=other_centre, code="GA2")
    with pytest.raises(Invalid) as err:
        api_client_create(name="x", centre=centre, department=foreign, scopes=["cases:read"])
    assert err.value.code == "department_not_in_centre"


def test_decide_scope_needs_an_acting_staff_member(centre):
    with pytest.raises(Invalid) as err:
        api_client_create(name="x", centre=centre, scopes=["cases:decide"])
    assert err.value.code == "acting_staff_required"


def test_revoked_key_no_longer_authenticates(centre):
    client, key = api_client_create(name="x", centre=centre, scopes=["cases:read"])
    api_client_revoke(client=client)
    assert client_for_key(key) is None
