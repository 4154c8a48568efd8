"""The licence library's reference rows: licence types, the seals' public keys, serial counters."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class LicenceType(models.Model):
    """A kind of licence in the e-licence library (电子证照库), e.g. 食品经营许可证.

    `code` is the key the catalogue uses (ItemVersion.result_licence_type, Material.licence_type);
    `identifier_code` is the type code inside licence identifiers (upper-case letters and digits, the
    ISO 7064 MOD 37,36 alphabet)."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    identifier_code = models.CharField(_("identifier type code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    issuing_department = models.ForeignKey("network.Department", null=True, blank=True,
                                           on_delete=models.SET_NULL, related_name="licence_types",
                                           verbose_name=_("usual issuing department"))
    # 0: no expiry.
    validity_years = models.PositiveSmallIntegerField(_("validity (years)"), default=0)
    # The names of the fields shown on the licence, in order (e.g. ["经营场所", "经营项目"]).
    fields_schema = models.JSONField(_("fields"), default=list, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("licence type")
        verbose_name_plural = _("licence types")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class SealKey(models.Model):
    """The public half of a seal's SM2 signing key. The private half never enters the database:
    it is read from the file or environment variable named by Seal.key_ref. A new key retires the
    old one; licences signed with a retired key still verify with its public key."""

    seal = models.ForeignKey("network.Seal", on_delete=models.PROTECT, related_name="licence_keys",
                             verbose_name=_("seal"))
    key_id = models.CharField(_("key id"), max_length=32, unique=True)
    # Uncompressed point without the 04 prefix: x || y, 128 hex characters.
    public_key = models.CharField(_("public key (hex)"), max_length=128)
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("created by"))
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)

    class Meta:
        verbose_name = _("seal key")
        verbose_name_plural = _("seal keys")
        ordering = ["seal_id", "-created_at"]
        constraints = [models.UniqueConstraint(fields=["seal"], condition=Q(retired_at__isnull=True),
                                               name="seal_key_one_active")]

    def __str__(self) -> str:
        return self.key_id


class LicenceSerial(models.Model):
    """The last serial number given out for a licence type, issuer and year; locked while a number is
    taken, inside the issuing transaction, so that a rolled-back issue gives its number back."""

    licence_type = models.ForeignKey(LicenceType, on_delete=models.CASCADE, related_name="+")
    issuer_uscc = models.CharField(max_length=18)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("licence serial counter")
        verbose_name_plural = _("licence serial counters")
        constraints = [models.UniqueConstraint(fields=["licence_type", "issuer_uscc", "year"],
                                               name="licence_serial_unique")]

    def __str__(self) -> str:
        return f"{self.licence_type_id} {self.issuer_uscc} {self.year}: {self.last}"
