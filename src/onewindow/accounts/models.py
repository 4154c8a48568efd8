from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A login: staff (with a network.Staff profile) or, later, a citizen account."""

    display_name = models.CharField(_("display name"), max_length=60, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    # Citizen accounts: the resident ID given at registration (checked by GB 11643 checksum; real-name
    # verification against the public security database is the gateway's job, not done here).
    id_number = models.CharField(_("resident ID"), max_length=18, blank=True)
    phone_verified_at = models.DateTimeField(_("phone verified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.username


class ApiToken(models.Model):
    """A bearer token. Only the SHA-256 of the key is stored; the key is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens",
                             verbose_name=_("user"))
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked = models.BooleanField(_("revoked"), default=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"


class OrganisationRole(models.TextChoices):
    LEGAL_REPRESENTATIVE = "legal_rep", _("Legal representative")
    ADMIN = "admin", _("Administrator")
    MEMBER = "member", _("Member")


class Organisation(models.Model):
    """An enterprise or other organisation applying online (法人账户), identified by its USCC."""

    uscc = models.CharField(_("unified social credit code"), max_length=18, unique=True)
    name = models.CharField(_("name"), max_length=200)
    legal_rep_name = models.CharField(_("legal representative"), max_length=60)
    legal_rep_id_number = models.CharField(_("legal representative resident ID"), max_length=18)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class OrganisationMember(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="members",
                                     verbose_name=_("organisation"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships",
                             verbose_name=_("user"))
    role = models.CharField(_("role"), max_length=10, choices=OrganisationRole.choices,
                            default=OrganisationRole.MEMBER)
    added_at = models.DateTimeField(_("added at"))

    class Meta:
        verbose_name = _("organisation member")
        verbose_name_plural = _("organisation members")
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="org_member_unique")]

    def __str__(self) -> str:
        return f"{self.organisation_id}:{self.user_id} {self.role}"


class SmsPurpose(models.TextChoices):
    LOGIN = "login", _("Log in")
    REGISTER = "register", _("Register")
    VERIFY = "verify", _("Verify phone")


class SmsCode(models.Model):
    """A one-time SMS code. Only an HMAC of the code is stored; it expires and allows few attempts."""

    phone = models.CharField(_("phone"), max_length=20)
    purpose = models.CharField(_("purpose"), max_length=10, choices=SmsPurpose.choices)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("created at"))
    expires_at = models.DateTimeField(_("expires at"))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("SMS code")
        verbose_name_plural = _("SMS codes")
        indexes = [models.Index(fields=["phone", "purpose", "-created_at"], name="sms_code_phone_purpose")]

    def __str__(self) -> str:
        return f"{self.purpose} {self.created_at:%Y-%m-%d %H:%M}"


class DeliveryChoice(models.TextChoices):
    PICKUP = "pickup", _("Pick up at the issuing window")
    MAIL = "mail", _("By mail")
    DOWNLOAD = "download", _("E-licence download")


class CitizenCase(models.Model):
    """Who applied online for a case: the citizen's own case, or (organisation set) the organisation's.

    The cases app keeps no citizen link of its own; this row is the scope of every citizen read
    (cases/selectors_citizen.py) and holds the citizen's chosen delivery until the case is issued."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="citizen_link",
                                verbose_name=_("case"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="citizen_cases",
                             verbose_name=_("applicant account"))
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="cases", verbose_name=_("organisation"))
    delivery_method = models.CharField(_("chosen delivery"), max_length=10, choices=DeliveryChoice.choices,
                                       blank=True)
    delivery_address = models.CharField(_("mailing address"), max_length=200, blank=True)
    delivery_chosen_at = models.DateTimeField(_("delivery chosen at"), null=True, blank=True)

    class Meta:
        verbose_name = _("online application")
        verbose_name_plural = _("online applications")

    def __str__(self) -> str:
        return f"{self.case_id} ({self.user_id})"
