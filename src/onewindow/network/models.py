"""The service network (DOMAIN §1): regions, centres at four levels, halls, departments, windows,
staff, chief-representative authorisations and seals."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """An administrative division, GB/T 2260 code (6 digits; 9/12 for townships and villages)."""

    code = models.CharField(_("region code"), max_length=12, primary_key=True)
    name = models.CharField(_("name"), max_length=60)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children", verbose_name=_("parent region"))

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class CentreLevel(models.TextChoices):
    CITY = "city", _("City")
    COUNTY = "county", _("County")
    TOWNSHIP = "township", _("Township")
    VILLAGE = "village", _("Village")


LEVEL_RANK = {"city": 1, "county": 2, "township": 3, "village": 4}


class HallClass(models.TextChoices):
    DEMONSTRATION = "demonstration", _("Demonstration (≥200 m²)")
    STANDARD = "standard", _("Standard (≥100 m²)")
    BASIC = "basic", _("Basic (≥50 m²)")
    BELOW = "below", _("Below standard (<50 m²)")


class Centre(models.Model):
    """A 政务服务中心 / 便民服务中心 / 便民服务室 at one of four levels."""

    name = models.CharField(_("name"), max_length=100)
    standard_name = models.CharField(_("standard name"), max_length=120, blank=True,
                                     help_text=_("e.g. XX县XX镇行政综合服务中心 (seed 000)"))
    level = models.CharField(_("level"), max_length=10, choices=CentreLevel.choices)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="centres",
                               verbose_name=_("region"))
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children", verbose_name=_("parent centre"))
    uscc = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    # 收件即受理: receiving IS accepting (DOMAIN §4); used by the case intake.
    receipt_is_acceptance = models.BooleanField(_("receipt is acceptance"), default=False)
    # Python format string for case numbers; {region} {date:%Y%m%d} {seq:06d} (see cases).
    case_number_format = models.CharField(_("case number format"), max_length=60,
                                          default="{region}{date:%Y%m%d}{seq:06d}")
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("centre")
        verbose_name_plural = _("centres")
        ordering = ["region_id", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def hall_class(self) -> str:
        """The best class among the centre's halls (the class a centre is rated by)."""
        classes = [h.hall_class for h in self.halls.all()]
        for cls in (HallClass.DEMONSTRATION, HallClass.STANDARD, HallClass.BASIC):
            if cls in classes:
                return cls
        return HallClass.BELOW


class Hall(models.Model):
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="halls",
                               verbose_name=_("centre"))
    name = models.CharField(_("name"), max_length=100)
    floor_area_m2 = models.PositiveIntegerField(_("floor area (m²)"))
    floor = models.CharField(_("floor"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("hall")
        verbose_name_plural = _("halls")

    def __str__(self) -> str:
        return f"{self.centre} · {self.name}"

    @property
    def hall_class(self) -> str:
        if self.floor_area_m2 >= 200:
            return HallClass.DEMONSTRATION
        if self.floor_area_m2 >= 100:
            return HallClass.STANDARD
        if self.floor_area_m2 >= 50:
            return HallClass.BASIC
        return HallClass.BELOW


class Department(models.Model):
    """A department stationed (进驻) in a centre; non-resident ones staff it on visiting days."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="departments",
                               verbose_name=_("centre"))
    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    code = models.CharField(_("code"), max_length=30, help_text=_("unique within the centre, e.g. SCJG"))
    uscc = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    resident = models.BooleanField(_("resident (常驻)"), default=True)
    # ISO weekdays (1=Monday) on which a non-resident department staffs the hall (at least once a week).
    visiting_days = models.JSONField(_("visiting days"), default=list, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [models.UniqueConstraint(fields=["centre", "code"],
                                               name="department_code_unique_in_centre")]
        ordering = ["centre_id", "code"]

    def __str__(self) -> str:
        return self.name


class WindowKind(models.TextChoices):
    COMPREHENSIVE = "comprehensive", _("Comprehensive intake (综合受理)")
    ISSUING = "issuing", _("Unified issuing (综合发证)")
    CONSULTATION = "consultation", _("Consultation and guidance (咨询导办)")
    SELF_SERVICE = "self_service", _("Self-service coaching (自助服务)")
    ASSISTED = "assisted", _("Assisted / proxy service (帮办代办)")
    CROSS_REGION = "cross_region", _("Cross-region (跨省通办)")
    COMPLAINT = "complaint", _("Couldn't get it done (办不成事)")
    POLICY = "policy", _("Policy redemption (政策兑现)")
    DEDICATED = "dedicated", _("Dedicated (专窗)")


class Theme(models.TextChoices):
    SOCIAL = "social", _("Social and livelihood (社会民生)")
    REGISTRATION = "registration", _("Registration (登记注册)")
    PRODUCTION = "production", _("Production and operation (生产经营)")
    INVESTMENT = "investment", _("Investment and construction (投资建设)")


class TownshipSlot(models.TextChoices):
    """The 5 mandatory township windows of the 5X layout (seed 000) plus X optional ones."""

    MARKET_ACCESS = "market_access", _("Market access (市场准入)")
    URBAN_RURAL = "urban_rural", _("Urban-rural construction (城乡建设)")
    HEALTH = "health", _("Health (卫生健康)")
    LIVELIHOOD = "livelihood", _("Livelihood security (民生保障)")
    MILITARY = "military", _("Military affairs (涉军事务)")
    OPTIONAL = "optional", _("Optional (X)")


MANDATORY_TOWNSHIP_SLOTS = [s for s in TownshipSlot.values if s != TownshipSlot.OPTIONAL]
MAX_DEDICATED_KINDS = 3


class Window(models.Model):
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="windows",
                               verbose_name=_("centre"))
    hall = models.ForeignKey(Hall, null=True, blank=True, on_delete=models.SET_NULL, related_name="windows",
                             verbose_name=_("hall"))
    number = models.CharField(_("window number"), max_length=10)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=WindowKind.choices)
    themes = models.JSONField(_("themes"), default=list, blank=True)
    township_slot = models.CharField(_("5X slot"), max_length=20, choices=TownshipSlot.choices, blank=True)
    # A dedicated window (专窗) names its kind, e.g. "不动产登记"; at most 3 kinds per centre.
    dedicated_kind = models.CharField(_("dedicated kind"), max_length=40, blank=True)
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="windows", verbose_name=_("department"))
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("window")
        verbose_name_plural = _("windows")
        constraints = [models.UniqueConstraint(fields=["centre", "number"],
                                               name="window_number_unique_in_centre")]
        ordering = ["centre_id", "number"]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class Role(models.TextChoices):
    CLERK = "clerk", _("Intake clerk (前台受理员)")
    REVIEWER = "reviewer", _("Reviewer (后台审批人员)")
    CHIEF_REPRESENTATIVE = "chief_representative", _("Chief representative (首席代表)")
    ISSUER = "issuer", _("Issuing clerk (综合发证)")
    PROXY_AGENT = "proxy_agent", _("Proxy agent (代办员)")
    CENTRE_MANAGER = "centre_manager", _("Centre manager (中心管理员)")
    SUPERVISOR = "supervisor", _("Supervisor (监察员)")
    DEPARTMENT_ADMIN = "department_admin", _("Department admin (部门管理员)")


class DutyStatus(models.TextChoices):
    ON_DUTY = "on_duty", _("On duty (在岗)")
    OUT = "out", _("Out (外出)")
    LEAVE = "leave", _("On leave (请假)")
    OFF = "off", _("Off duty (下班)")


class Staff(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff",
                                verbose_name=_("user"))
    name = models.CharField(_("name"), max_length=40)
    employee_no = models.CharField(_("employee number"), max_length=20, blank=True)
    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="staff",
                               verbose_name=_("centre"))
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="staff", verbose_name=_("department"))
    window = models.ForeignKey(Window, null=True, blank=True, on_delete=models.SET_NULL, related_name="staff",
                               verbose_name=_("window"))
    civil_servant = models.BooleanField(_("civil servant"), default=True,
                                        help_text=_("reviewers must be civil servants"))
    backup = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="backing_for",
                               verbose_name=_("AB-post backup"))
    duty_status = models.CharField(_("duty status"), max_length=10, choices=DutyStatus.choices,
                                   default=DutyStatus.ON_DUTY)
    duty_note = models.CharField(_("whereabouts"), max_length=100, blank=True)
    duty_changed_at = models.DateTimeField(_("duty changed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")
        ordering = ["centre_id", "name"]

    def __str__(self) -> str:
        return self.name

    def role_codes(self) -> set[str]:
        return {r.role for r in self.roles.all()}

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_codes() & set(roles))


class StaffRole(models.Model):
    staff = models.ForeignKey(Staff, on_delete=models.CASCADE, related_name="roles", verbose_name=_("staff"))
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [models.UniqueConstraint(fields=["staff", "role"], name="staff_role_unique")]

    def __str__(self) -> str:
        return self.get_role_display()


class Authorisation(models.Model):
    """授权书: what a chief representative may do for the department (seed 002 §一(二)3, powers (1)–(6))."""

    staff = models.ForeignKey(Staff, on_delete=models.CASCADE, related_name="authorisations",
                              verbose_name=_("chief representative"))
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="authorisations",
                                   verbose_name=_("department"))
    document_no = models.CharField(_("document number"), max_length=60, blank=True)
    direct_approval = models.BooleanField(_("(1) direct approval of immediate cases"), default=True)
    first_review = models.BooleanField(_("(2) first review of promised and escalated cases"), default=True)
    joint_coordination = models.BooleanField(_("(3) coordination of joint cases"), default=True)
    survey_coordination = models.BooleanField(_("(4) technical review / field survey coordination"),
                                              default=True)
    fee_collection = models.BooleanField(_("(5) fee collection"), default=True)
    seal_use = models.BooleanField(_("(6) use of the approval seal"), default=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    revoked = models.BooleanField(_("revoked"), default=False)
    # The day the revocation takes effect: the authorisation still counts for earlier dates.
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revoked_reason = models.CharField(_("revocation reason"), max_length=200, blank=True, default="")

    POWERS = ("direct_approval", "first_review", "joint_coordination", "survey_coordination",
              "fee_collection", "seal_use")

    class Meta:
        verbose_name = _("authorisation")
        verbose_name_plural = _("authorisations")

    def __str__(self) -> str:
        return f"{self.staff} · {self.department}"


class SealStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    REVOKED = "revoked", _("Revoked")


class Seal(models.Model):
    """审批(服务)专用章. Keys for e-signing are referenced, never stored in plain text."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="seals",
                               verbose_name=_("centre"))
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="seals", verbose_name=_("department"))
    name = models.CharField(_("name"), max_length=100)
    code = models.CharField(_("seal code"), max_length=40, unique=True)
    status = models.CharField(_("status"), max_length=10, choices=SealStatus.choices,
                              default=SealStatus.ACTIVE)
    key_ref = models.CharField(_("key reference"), max_length=200, blank=True,
                               help_text=_("file path or environment variable holding the SM2 key"))
    registered_on = models.DateField(_("registered on"))
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revoked_reason = models.CharField(_("revocation reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("seal")
        verbose_name_plural = _("seals")

    def __str__(self) -> str:
        return self.name
