"""A licence in the library and its audit trail."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class LicenceStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")
    REPLACED = "replaced", _("Replaced by a newer version")


class HolderIdType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("Resident ID")
    USCC = "uscc", _("Unified social credit code")


class Licence(models.Model):
    """One signed e-licence (电子证照). What was signed is `record` (canonical JSON) and the stored PDF;
    the columns repeat the record for queries and are checked against it on verification."""

    identifier = models.CharField(_("identifier"), max_length=60, unique=True)
    licence_type = models.ForeignKey("licences.LicenceType", on_delete=models.PROTECT,
                                     related_name="licences", verbose_name=_("licence type"))
    # The name printed as the title (the type's name, or the item's result for a generic result).
    title = models.CharField(_("title"), max_length=120)
    serial = models.CharField(_("serial number"), max_length=10)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    centre = models.ForeignKey("network.Centre", on_delete=models.PROTECT, related_name="licences",
                               verbose_name=_("issuing centre"))
    department = models.ForeignKey("network.Department", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="licences", verbose_name=_("issuing department"))
    issuer_name = models.CharField(_("issuer"), max_length=200)
    issuer_uscc = models.CharField(_("issuer USCC"), max_length=18)
    holder_name = models.CharField(_("holder"), max_length=200)
    holder_id_type = models.CharField(_("holder identifier type"), max_length=12,
                                      choices=HolderIdType.choices)
    holder_id_number = models.CharField(_("holder identifier"), max_length=18)
    fields = models.JSONField(_("fields"), default=dict, blank=True)
    issued_on = models.DateField(_("issued on"))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=LicenceStatus.choices,
                              default=LicenceStatus.VALID)
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="licences", verbose_name=_("case"))
    # Art. 44: the day the licence was due (10 working days after the decision), from the case.
    issue_due_date = models.DateField(_("issue due (art. 44)"), null=True, blank=True)
    replaces = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="replaced_by", verbose_name=_("replaces"))
    seal = models.ForeignKey("network.Seal", on_delete=models.PROTECT, related_name="licences",
                             verbose_name=_("seal"))
    seal_key = models.ForeignKey("licences.SealKey", on_delete=models.PROTECT, related_name="licences",
                                 verbose_name=_("signing key"))
    key_id = models.CharField(_("key id"), max_length=32)
    signed_at = models.DateTimeField(_("signed at"))
    record = models.TextField(_("canonical record"))
    record_sha256 = models.CharField(_("record SHA-256"), max_length=64)
    pdf = models.FileField(_("PDF"), upload_to="licences/%Y/%m/")
    pdf_sha256 = models.CharField(_("PDF SHA-256"), max_length=64)
    signature = models.CharField(_("SM2 signature (hex)"), max_length=128)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.CharField(_("revocation reason"), max_length=500, blank=True)
    verification_count = models.PositiveIntegerField(_("verifications"), default=0, editable=False)
    last_verified_at = models.DateTimeField(_("last verified at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("licence")
        verbose_name_plural = _("licences")
        ordering = ["-id"]
        constraints = [
            # One licence per case; later versions (replacements) point at their predecessor instead.
            models.UniqueConstraint(fields=["case"], condition=Q(replaces__isnull=True),
                                    name="licence_one_per_case"),
            models.UniqueConstraint(fields=["licence_type", "issuer_uscc", "serial", "version"],
                                    name="licence_serial_version_unique"),
        ]
        indexes = [
            models.Index(fields=["holder_id_type", "holder_id_number", "licence_type", "status"],
                         name="licence_holder_type_status"),
            models.Index(fields=["status", "valid_to"], name="licence_status_valid_to"),
        ]

    def __str__(self) -> str:
        return self.identifier


class LicenceEventKind(models.TextChoices):
    ISSUED = "issued", _("Issued")
    REVOKED = "revoked", _("Revoked")
    REPLACED = "replaced", _("Replaced")
    EXPIRED = "expired", _("Expired")
    DELIVERY = "delivery", _("Handed to delivery")
    DELIVERED = "delivered", _("Delivered")
    LOCKER_EXPIRED = "locker_expired", _("Locker pickup code expired")
    REUSED = "reused", _("Reused for a case (consent)")


class LicenceEvent(models.Model):
    """The licence's audit trail. Append-only. Public verifications are counted on the licence, not
    logged here (an anonymous page must not grow a table without bound)."""

    licence = models.ForeignKey(Licence, on_delete=models.CASCADE, related_name="events",
                                verbose_name=_("licence"))
    kind = models.CharField(_("kind"), max_length=20, choices=LicenceEventKind.choices)
    at = models.DateTimeField(_("at"))
    actor = models.ForeignKey("network.Staff", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+", verbose_name=_("actor"))
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    payload = models.JSONField(_("payload"), default=dict, blank=True)

    class Meta:
        verbose_name = _("licence event")
        verbose_name_plural = _("licence events")
        ordering = ["licence_id", "at", "id"]
        indexes = [models.Index(fields=["kind", "at"], name="licence_event_kind_at")]

    def __str__(self) -> str:
        return f"{self.licence_id} {self.kind}"
