"""Organisation accounts: USCC checked, the legal representative, members added and removed by
those who manage it; the page lists members only to managers."""

from __future__ import annotations

import pytest
from django.urls import reverse

from onewindow.accounts import services
from onewindow.accounts.models import OrganisationMember, OrganisationRole
from onewindow.core.errors import Conflict, Invalid, NotFound
from tests.accounts.citizens import CITIZEN_ID, ORG_USCC, OTHER_ID


def test_register_makes_the_matching_user_legal_representative(db, frozen, citizen):
    org = services.organisation_register(by=citizen, uscc=ORG_USCC.lower(), name="青禾测试有限公司",
                                         legal_rep_name="张三", legal_rep_id_number=CITIZEN_ID)
    assert org.uscc == ORG_USCC
    role = OrganisationMember.objects.get(organisation=org, user=citizen).role
    assert role == OrganisationRole.LEGAL_REPRESENTATIVE


def test_someone_else_registering_becomes_administrator(db, frozen, other_citizen):
    org = services.organisation_register(by=other_citizen, uscc=ORG_USCC, name="青禾测试有限公司",
                                         legal_rep_name="张三", legal_rep_id_number=CITIZEN_ID)
    assert OrganisationMember.objects.get(organisation=org).role == OrganisationRole.ADMIN


def test_bad_uscc_and_duplicate_are_refused(db, frozen, citizen, org):
    with pytest.raises(Invalid) as exc:
        services.organisation_register(by=citizen, uscc="91350100M000100Y44", name="x", legal_rep_name="张三",
                                       legal_rep_id_number=CITIZEN_ID)
    assert exc.value.code == "invalid_uscc"
    with pytest.raises(Conflict):
        services.organisation_register(by=citizen, uscc=ORG_USCC, name="x", legal_rep_name="张三",
                                       legal_rep_id_number=CITIZEN_ID)


def test_members_added_and_removed_by_managers_only(db, frozen, citizen, other_citizen, org):
    member = services.organisation_member_add(by=citizen, organisation_id=org.pk,
                                              phone=other_citizen.username)
    assert member.role == OrganisationRole.MEMBER
    with pytest.raises(Conflict):
        services.organisation_member_add(by=citizen, organisation_id=org.pk, phone=other_citizen.username)
    # A plain member cannot manage: the organisation is "not found" for them.
    with pytest.raises(NotFound):
        services.organisation_member_remove(by=other_citizen, organisation_id=org.pk, user_id=citizen.pk)
    with pytest.raises(Conflict):
        services.organisation_member_remove(by=citizen, organisation_id=org.pk, user_id=citizen.pk)
    services.organisation_member_remove(by=citizen, organisation_id=org.pk, user_id=other_citizen.pk)
    assert not OrganisationMember.objects.filter(user=other_citizen).exists()


def test_adding_an_unregistered_phone_is_refused(db, frozen, citizen, org):
    with pytest.raises(Invalid) as exc:
        services.organisation_member_add(by=citizen, organisation_id=org.pk, phone="13600009999")
    assert exc.value.code == "member_not_registered"


def test_organisation_page(db, frozen, citizen, citizen_client, other_citizen):
    resp = citizen_client.post(reverse("portal:org"), {
        "op": "create", "uscc": ORG_USCC, "name": "青禾测试有限公司", "legal_rep_name": "张三",
        "legal_rep_id_number": CITIZEN_ID})
    assert resp.status_code == 302
    org_id = OrganisationMember.objects.get(user=citizen).organisation_id
    resp = citizen_client.post(reverse("portal:org"), {"op": "add_member", "organisation": org_id,
                                                       "phone": other_citizen.username, "role": "member"})
    assert resp.status_code == 302
    page = citizen_client.get(reverse("portal:org")).content.decode()
    assert "青禾测试有限公司" in page and other_citizen.display_name in page


def test_member_does_not_see_the_member_list(db, frozen, citizen, other_citizen, org, other_client):
    services.organisation_member_add(by=citizen, organisation_id=org.pk, phone=other_citizen.username)
    page = other_client.get(reverse("portal:org")).content.decode()
    assert "青禾测试有限公司" in page and citizen.phone not in page


def test_legal_rep_id_is_checked(db, frozen, citizen):
    with pytest.raises(Invalid):
        services.organisation_register(by=citizen, uscc=ORG_USCC, name="x", legal_rep_name="李四",
                                       legal_rep_id_number=OTHER_ID[:-1] + "9")
