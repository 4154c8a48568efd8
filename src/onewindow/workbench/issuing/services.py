"""The issuing window's writes, composed from the cases and licence library services."""

from __future__ import annotations

from django.db import transaction

from onewindow.cases.models import Case
from onewindow.core.errors import Conflict
from onewindow.licences.models import DeliveryStatus, LicenceDelivery
from onewindow.licences.services import licence_delivery_confirm
from onewindow.network.models import Staff


@transaction.atomic
def issuing_mail_receipt(*, case: Case, by: Staff, receipt: str) -> LicenceDelivery:
    """Mark a mailed licence delivered: the receipt (who signed, or the carrier's proof number)."""
    delivery = (LicenceDelivery.objects.filter(licence__case_id=case.pk, method="mail",
                                               status=DeliveryStatus.PENDING).order_by("-pk").first())
    if delivery is None:
        raise Conflict("delivery_not_pending", "没有待签收的邮寄送达",
                       "No mailed delivery is waiting for its receipt")
    return licence_delivery_confirm(delivery=delivery, by=by, receipt=receipt)
