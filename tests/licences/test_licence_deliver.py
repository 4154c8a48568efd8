"""licence_deliver and what follows: pickup with an identity check, mail with tracking and receipt,
the 24-hour locker with a pickup code that expires."""

from __future__ import annotations

import datetime as dt

import pytest

from onewindow.core.errors import Conflict, Invalid
from onewindow.licences.models import DeliveryStatus, LicenceDelivery
from onewindow.licences.services import (
    licence_deliver,
    licence_delivery_confirm,
    licence_locker_collect,
    licence_revoke,
    licences_sweep,
)
from tests.licences.conftest import OTHER_PERSON_ID, PERSON_ID


def test_pickup_by_the_holder(licence, issuer):
    result = licence_deliver(licence=licence, method="pickup", by=issuer,
                             detail={"id_type": "resident_id", "id_number": PERSON_ID.lower()})
    d = result.delivery
    assert result.pickup_code is None
    assert (d.status, d.recipient_name, d.checked_id_type, d.checked_id_masked, d.by_agent, d.created_by) == (
        DeliveryStatus.DELIVERED, "张小三", "resident_id", "110***********002X", False, issuer)
    assert d.delivered_at is not None
    event = licence.events.get(kind="delivered")
    assert event.payload == {"delivery": d.pk, "method": "pickup", "id_type": "resident_id",
                             "id": "110***********002X", "by_agent": False}
    assert PERSON_ID not in str(event.payload)


def test_pickup_by_someone_else_needs_a_letter(licence, issuer):
    with pytest.raises(Invalid) as exc:
        licence_deliver(licence=licence, method="pickup", by=issuer,
                        detail={"id_type": "resident_id", "id_number": OTHER_PERSON_ID,
                                "recipient_name": "李四"})
    assert exc.value.code == "pickup_identity_mismatch"
    with pytest.raises(Invalid):
        licence_deliver(licence=licence, method="pickup", by=issuer,
                        detail={"id_number": OTHER_PERSON_ID, "recipient_name": "李四",
                                "agent_letter": "false"})
    assert not LicenceDelivery.objects.exists()
    d = licence_deliver(licence=licence, method="pickup", by=issuer,
                        detail={"id_type": "resident_id", "id_number": OTHER_PERSON_ID,
                                "recipient_name": "李四", "agent_letter": True}).delivery
    assert (d.recipient_name, d.by_agent, d.checked_id_masked) == ("李四", True, "110***********0024")


def test_pickup_checks_the_id_number(licence, issuer):
    with pytest.raises(Invalid) as exc:
        licence_deliver(licence=licence, method="pickup", by=issuer,
                        detail={"id_type": "resident_id", "id_number": "110105194912310021"})
    assert exc.value.code == "invalid_resident_id"


def test_mail_with_tracking_then_receipt(licence, issuer, frozen):
    d = licence_deliver(licence=licence, method="mail", by=issuer,
                        detail={"address": "测试县人民路1号", "carrier": "EMS",
                                "tracking_number": "1234567890123", "phone": "13800001234"}).delivery
    assert (d.status, d.carrier, d.tracking_number, d.recipient_name) == (
        DeliveryStatus.PENDING, "EMS", "1234567890123", "张小三")
    assert licence.events.get(kind="delivery").payload["tracking_number"] == "1234567890123"

    frozen.shift(dt.timedelta(days=2))
    d = licence_delivery_confirm(delivery=d, by=issuer, receipt="本人签收")
    assert (d.status, d.receipt) == (DeliveryStatus.DELIVERED, "本人签收")
    assert d.delivered_at - d.created_at == dt.timedelta(days=2)
    with pytest.raises(Conflict) as exc:
        licence_delivery_confirm(delivery=d, by=issuer, receipt="again")
    assert exc.value.code == "delivery_not_pending"


def test_mail_needs_address_carrier_and_tracking(licence, issuer):
    for missing in ("address", "carrier", "tracking_number"):
        detail = {"address": "a", "carrier": "EMS", "tracking_number": "1"}
        del detail[missing]
        with pytest.raises(Invalid) as exc:
            licence_deliver(licence=licence, method="mail", by=issuer, detail=detail)
        assert exc.value.detail["field"] == missing


def test_locker_code_and_collection(licence, issuer, frozen):
    result = licence_deliver(licence=licence, method="locker", by=issuer, detail={"locker": "A柜-07"})
    d, code = result.delivery, result.pickup_code
    assert code is not None and len(code) == 6 and code.isdigit()
    assert d.code_expires_at - d.created_at == dt.timedelta(hours=72)
    assert code not in d.pickup_code_hash and len(d.pickup_code_hash) == 64
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    with pytest.raises(Invalid) as exc:
        licence_locker_collect(delivery=d, code=wrong)
    assert exc.value.code == "pickup_code_wrong"
    frozen.shift(dt.timedelta(hours=5))
    d = licence_locker_collect(delivery=d, code=code)
    assert d.status == DeliveryStatus.DELIVERED
    assert licence.events.filter(kind="delivered").get().payload["locker"] == "A柜-07"


def test_locker_code_expires(licence, issuer, frozen):
    result = licence_deliver(licence=licence, method="locker", by=issuer,
                             detail={"locker": "B-01", "hours": 24})
    frozen.shift(dt.timedelta(hours=24, seconds=1))
    with pytest.raises(Conflict) as exc:
        licence_locker_collect(delivery=result.delivery, code=result.pickup_code)
    assert exc.value.code == "pickup_code_expired"
    assert licences_sweep()["locker_codes_expired"] == 1
    assert LicenceDelivery.objects.get().status == DeliveryStatus.EXPIRED
    # A lapsed locker delivery may be followed by another handover.
    again = licence_deliver(licence=licence, method="pickup", by=issuer, detail={"id_number": PERSON_ID})
    assert again.delivery.status == DeliveryStatus.DELIVERED


@pytest.mark.parametrize("hours", [0, 169, "24", True])
def test_locker_hours_bounds(licence, issuer, hours):
    with pytest.raises(Invalid) as exc:
        licence_deliver(licence=licence, method="locker", by=issuer, detail={"locker": "A", "hours": hours})
    assert exc.value.code == "invalid_locker_hours"


def test_one_handover_at_a_time(licence, issuer):
    licence_deliver(licence=licence, method="mail", by=issuer,
                    detail={"address": "a", "carrier": "EMS", "tracking_number": "1"})
    with pytest.raises(Conflict) as exc:
        licence_deliver(licence=licence, method="pickup", by=issuer, detail={"id_number": PERSON_ID})
    assert exc.value.code == "licence_already_delivered"


def test_bad_method_or_detail(licence, issuer):
    with pytest.raises(Invalid) as exc:
        licence_deliver(licence=licence, method="drone", by=issuer, detail={})
    assert exc.value.code == "invalid_delivery_method"
    with pytest.raises(Invalid) as exc:
        licence_deliver(licence=licence, method="mail", by=issuer, detail="EMS 123")
    assert exc.value.code == "invalid_delivery_detail"


def test_a_revoked_licence_is_not_delivered(licence, issuer, chief):
    licence_revoke(licence=licence, reason="撤销", by=chief)
    with pytest.raises(Conflict) as exc:
        licence_deliver(licence=licence, method="pickup", by=issuer, detail={"id_number": PERSON_ID})
    assert (exc.value.code, exc.value.detail) == ("licence_not_valid", {"status": "revoked"})


def test_an_organisation_collects_with_a_letter(business_type, department, seal, issuer, frozen):
    from tests.licences.conftest import direct_licence

    lic = direct_licence(licence_type=business_type, department=department,
                         holder=("测试食品有限公司", "uscc", "91350100M000100Y43"))
    with pytest.raises(Invalid) as exc:
        licence_deliver(licence=lic, method="pickup", by=issuer, detail={"id_number": PERSON_ID})
    assert exc.value.code == "pickup_identity_mismatch"
    d = licence_deliver(licence=lic, method="pickup", by=issuer,
                        detail={"id_number": PERSON_ID, "recipient_name": "张小三",
                                "agent_letter": True}).delivery
    assert d.by_agent and d.recipient_name == "张小三"
