"""The catalogue (DOMAIN §2): service items, their versioned guides, materials, situations, fees,
delegations, the guide-review log and joint bundles.

A ServiceItem is the stable identity (codes, implementing department). Everything a guide publishes
lives on an ItemVersion; a published version never changes and a case pins the version it was
accepted under.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from onewindow.network.models import Centre, Department


class ItemType(models.TextChoices):
    LICENSING = "01", _("Licensing (行政许可)")
    BENEFIT = "05", _("Benefit (行政给付)")
    CONFIRMATION = "07", _("Confirmation (行政确认)")
    REWARD = "08", _("Reward (行政奖励)")
    ADJUDICATION = "09", _("Adjudication (行政裁决)")
    OTHER_POWER = "10", _("Other administrative power (其他行政权力)")
    PUBLIC_SERVICE = "20", _("Public service (公共服务)")


class ExerciseLevel(models.IntegerChoices):
    NATIONAL = 1, _("National")
    PROVINCIAL = 2, _("Provincial")
    CITY = 3, _("City")
    COUNTY = 4, _("County")
    TOWNSHIP = 5, _("Township")


class CaseClass(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediate (即办件)")
    PROMISED = "promised", _("Promised (承诺件)")
    JOINT = "joint", _("Joint (联办件)")
    ESCALATED = "escalated", _("Escalated (上报件)")
    EXPEDITED = "expedited", _("Expedited (特办件)")


class HandlingForm(models.TextChoices):
    WINDOW = "window", _("At the window (窗口办理)")
    ONLINE = "online", _("Online (网上办理)")
    PROXY = "proxy", _("By proxy (代办)")
    MAIL = "mail", _("By mail (邮寄)")


class TimeUnit(models.TextChoices):
    WORKING_DAY = "working_day", _("Working days (工作日)")


class SpecialProcedure(models.TextChoices):
    """Art. 45 special procedures plus field survey; their time is not counted in the limit."""

    HEARING = "hearing", _("Hearing (听证)")
    TENDER = "tender", _("Tender (招标)")
    AUCTION = "auction", _("Auction (拍卖)")
    INSPECTION = "inspection", _("Inspection (检验)")
    TESTING = "testing", _("Testing (检测)")
    QUARANTINE = "quarantine", _("Quarantine (检疫)")
    APPRAISAL = "appraisal", _("Appraisal (鉴定)")
    EXPERT_REVIEW = "expert_review", _("Expert review (专家评审)")
    FIELD_SURVEY = "field_survey", _("Field survey (现场踏勘)")


class ServiceItem(models.Model):
    basic_code = models.CharField(_("basic code"), max_length=12, db_index=True)
    implementation_code = models.CharField(_("implementation code"), max_length=40, unique=True)
    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="items",
                               verbose_name=_("centre"))
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="items",
                                   verbose_name=_("implementing department"))
    entrusted_department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.SET_NULL,
                                             related_name="entrusted_items",
                                             verbose_name=_("entrusted department"))
    exercise_level = models.PositiveSmallIntegerField(_("exercise level"), choices=ExerciseLevel.choices,
                                                      default=ExerciseLevel.COUNTY)
    resident_in_hall = models.BooleanField(_("resident in the hall (进驻)"), default=True)
    any_window = models.BooleanField(_("accepted at any comprehensive window (无差别受理)"), default=True)
    # The version in force today; maintained by catalogue.services on publish. Search fields below are
    # denormalised from it so that the list endpoint reads one table.
    current_version = models.ForeignKey("ItemVersion", null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+", verbose_name=_("current version"))
    name = models.CharField(_("name"), max_length=200, db_index=True)
    item_type = models.CharField(_("item type"), max_length=2, choices=ItemType.choices)
    theme = models.CharField(_("theme"), max_length=20, blank=True)
    search_text = models.TextField(_("search text"), blank=True, editable=False)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("service item")
        verbose_name_plural = _("service items")
        ordering = ["implementation_code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.implementation_code})"


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    RETIRED = "retired", _("Retired")


class ItemVersion(models.Model):
    item = models.ForeignKey(ServiceItem, on_delete=models.CASCADE, related_name="versions",
                             verbose_name=_("service item"))
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=10, choices=VersionStatus.choices,
                              default=VersionStatus.DRAFT)
    effective_from = models.DateField(_("effective from"), null=True, blank=True)
    effective_to = models.DateField(_("effective to"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+",
                                     verbose_name=_("published by"))

    name = models.CharField(_("name"), max_length=200)
    item_type = models.CharField(_("item type"), max_length=2, choices=ItemType.choices)
    content = models.TextField(_("service content"), blank=True)
    conditions = models.TextField(_("acceptance conditions"), blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    statutory_days = models.PositiveIntegerField(_("statutory limit"))
    statutory_unit = models.CharField(_("statutory limit unit"), max_length=15, choices=TimeUnit.choices,
                                      default=TimeUnit.WORKING_DAY)
    promised_days = models.PositiveIntegerField(_("promised limit"))
    promised_unit = models.CharField(_("promised limit unit"), max_length=15, choices=TimeUnit.choices,
                                     default=TimeUnit.WORKING_DAY)
    max_extension_days = models.PositiveIntegerField(_("maximum extension (working days)"), default=10)
    notice_days = models.PositiveIntegerField(_("days allowed for the one-time notice"), default=5)
    case_class = models.CharField(_("default case class"), max_length=10, choices=CaseClass.choices,
                                  default=CaseClass.PROMISED)
    visits_required = models.PositiveSmallIntegerField(_("visits required"), default=1)
    handling_forms = models.JSONField(_("handling forms"), default=list, blank=True)
    online_depth = models.PositiveSmallIntegerField(_("online depth (1-4)"), default=1)
    theme = models.CharField(_("theme"), max_length=20, blank=True)
    life_events = models.JSONField(_("life events"), default=list, blank=True)
    keywords = models.CharField(_("keywords"), max_length=300, blank=True)
    special_procedures = models.JSONField(_("special procedures"), default=list, blank=True)
    # The procedure/flow as ordered steps [{"name", "description"}]; review_steps drive the back office.
    flow = models.JSONField(_("flow"), default=list, blank=True)
    review_steps = models.JSONField(_("review steps"), default=list, blank=True)
    result_type = models.CharField(_("result (certificate or licence type)"), max_length=120, blank=True)
    result_licence_type = models.CharField(_("result licence type code"), max_length=40, blank=True)
    result_sample = models.CharField(_("result sample"), max_length=300, blank=True)
    faq = models.JSONField(_("FAQ"), default=list, blank=True)
    address = models.CharField(_("where to apply"), max_length=200, blank=True)
    office_hours = models.CharField(_("office hours"), max_length=200, blank=True)
    phone = models.CharField(_("enquiry phone"), max_length=60, blank=True)
    complaint_phone = models.CharField(_("complaint phone"), max_length=60, blank=True)
    delivery_methods = models.JSONField(_("result delivery methods"), default=list, blank=True)
    conclude_on_delivery = models.BooleanField(_("concluded on delivery"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("created by"))
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)
    retired_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("retired by"))

    class Meta:
        verbose_name = _("item version")
        verbose_name_plural = _("item versions")
        constraints = [models.UniqueConstraint(fields=["item", "number"], name="item_version_unique")]
        ordering = ["item_id", "-number"]

    def __str__(self) -> str:
        return f"{self.name} v{self.number} ({self.get_status_display()})"


class MaterialRequirement(models.TextChoices):
    REQUIRED = "required", _("Required")
    CONDITIONAL = "conditional", _("Conditional (per situation)")


class MaterialForm(models.TextChoices):
    ORIGINAL = "original", _("Original")
    COPY = "copy", _("Copy")
    ORIGINAL_AND_COPY = "original_and_copy", _("Original and copy")
    ELECTRONIC = "electronic", _("Electronic")


class MaterialMedium(models.TextChoices):
    PAPER = "paper", _("Paper")
    ELECTRONIC = "electronic", _("Electronic")
    BOTH = "both", _("Paper or electronic")


class MaterialSource(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    ISSUING_BODY = "issuing_body", _("Issuing body")
    LICENCE_LIBRARY = "licence_library", _("E-licence library (need not be submitted)")


class Material(models.Model):
    version = models.ForeignKey(ItemVersion, on_delete=models.CASCADE, related_name="materials",
                                verbose_name=_("item version"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("name"), max_length=200)
    requirement = models.CharField(_("requirement"), max_length=12, choices=MaterialRequirement.choices,
                                   default=MaterialRequirement.REQUIRED)
    form = models.CharField(_("form"), max_length=20, choices=MaterialForm.choices,
                            default=MaterialForm.ORIGINAL)
    copies = models.PositiveSmallIntegerField(_("copies"), default=1)
    medium = models.CharField(_("medium"), max_length=12, choices=MaterialMedium.choices,
                              default=MaterialMedium.PAPER)
    source = models.CharField(_("source"), max_length=20, choices=MaterialSource.choices,
                              default=MaterialSource.APPLICANT)
    licence_type = models.CharField(_("licence type code"), max_length=40, blank=True)
    issuing_body = models.CharField(_("issuing body"), max_length=100, blank=True)
    acceptance_standard = models.TextField(_("acceptance standard"), blank=True)
    blank_form = models.CharField(_("blank form"), max_length=300, blank=True)
    sample = models.CharField(_("filled sample"), max_length=300, blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["version_id", "position", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def required(self) -> bool:
        return self.requirement == MaterialRequirement.REQUIRED


class Fee(models.Model):
    version = models.ForeignKey(ItemVersion, on_delete=models.CASCADE, related_name="fees",
                                verbose_name=_("item version"))
    name = models.CharField(_("name"), max_length=120)
    amount = models.DecimalField(_("amount (yuan)"), max_digits=12, decimal_places=2)
    standard = models.CharField(_("standard"), max_length=300, blank=True)
    basis = models.TextField(_("basis"), blank=True)
    waivers = models.TextField(_("waivers"), blank=True)

    class Meta:
        verbose_name = _("fee")
        verbose_name_plural = _("fees")

    def __str__(self) -> str:
        return f"{self.name} ¥{self.amount}"


class Situation(models.Model):
    """A question that tailors the material list (情形)."""

    version = models.ForeignKey(ItemVersion, on_delete=models.CASCADE, related_name="situations",
                                verbose_name=_("item version"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    question = models.CharField(_("question"), max_length=200)

    class Meta:
        verbose_name = _("situation")
        verbose_name_plural = _("situations")
        ordering = ["version_id", "position", "id"]

    def __str__(self) -> str:
        return self.question


class SituationOption(models.Model):
    situation = models.ForeignKey(Situation, on_delete=models.CASCADE, related_name="options",
                                  verbose_name=_("situation"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    label = models.CharField(_("answer"), max_length=120)
    adds = models.ManyToManyField(Material, blank=True, related_name="added_by",
                                  verbose_name=_("adds materials"))
    removes = models.ManyToManyField(Material, blank=True, related_name="removed_by",
                                     verbose_name=_("removes materials"))

    class Meta:
        verbose_name = _("situation answer")
        verbose_name_plural = _("situation answers")
        ordering = ["situation_id", "position", "id"]

    def __str__(self) -> str:
        return self.label


class Delegation(models.Model):
    """赋权: a county item the township centre may implement."""

    item = models.ForeignKey(ServiceItem, on_delete=models.CASCADE, related_name="delegations",
                             verbose_name=_("service item"))
    to_centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="delegated_items",
                                  verbose_name=_("delegated to"))
    document_no = models.CharField(_("document number"), max_length=60, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    revoked = models.BooleanField(_("revoked"), default=False)
    granted_at = models.DateTimeField(_("granted at"), null=True, blank=True)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("granted by"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("revoked by"))

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        constraints = [models.UniqueConstraint(fields=["item", "to_centre"], name="delegation_unique")]

    def __str__(self) -> str:
        return f"{self.item} → {self.to_centre}"


class GuideReview(models.Model):
    """One check of an item's guide; each item needs at least 4 a year (seed 001 #16)."""

    item = models.ForeignKey(ServiceItem, on_delete=models.CASCADE, related_name="reviews",
                             verbose_name=_("service item"))
    reviewed_on = models.DateField(_("reviewed on"))
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("reviewer"))
    outcome = models.CharField(_("outcome"), max_length=20,
                               choices=[("unchanged", _("Unchanged")), ("updated", _("Updated"))],
                               default="unchanged")
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("guide review")
        verbose_name_plural = _("guide reviews")
        ordering = ["-reviewed_on"]
        indexes = [models.Index(fields=["item", "reviewed_on"])]

    def __str__(self) -> str:
        return f"{self.item} @ {self.reviewed_on}"


class BundleComponent(models.Model):
    """A joint bundle (e.g. enterprise start-up) is a ServiceItem whose components are other items of
    several departments; exactly one component is the lead."""

    bundle = models.ForeignKey(ServiceItem, on_delete=models.CASCADE, related_name="components",
                               verbose_name=_("bundle"))
    component = models.ForeignKey(ServiceItem, on_delete=models.PROTECT, related_name="in_bundles",
                                  verbose_name=_("component item"))
    is_lead = models.BooleanField(_("lead"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("bundle component")
        verbose_name_plural = _("bundle components")
        constraints = [models.UniqueConstraint(fields=["bundle", "component"],
                                               name="bundle_component_unique")]
        ordering = ["bundle_id", "position"]

    def __str__(self) -> str:
        return f"{self.bundle} ∋ {self.component}"
