"""The case itself, its applicant and its material checklist."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from onewindow.cases.states import State


class ApplicantKind(models.TextChoices):
    PERSON = "person", _("Natural person")
    ORGANISATION = "organisation", _("Organisation")


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("Resident ID")
    USCC = "uscc", _("Unified social credit code")


class Applicant(models.Model):
    """The applicant of one case (a snapshot: what was presented at the window that day)."""

    kind = models.CharField(_("kind"), max_length=12, choices=ApplicantKind.choices)
    name = models.CharField(_("name"), max_length=200)
    id_type = models.CharField(_("identifier type"), max_length=12, choices=IdType.choices)
    id_number = models.CharField(_("identifier"), max_length=18, db_index=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    # An agent acting with a letter of authorisation (委托代理人 + 授权委托书).
    agent_name = models.CharField(_("agent name"), max_length=60, blank=True)
    agent_id_number = models.CharField(_("agent resident ID"), max_length=18, blank=True)
    agent_phone = models.CharField(_("agent phone"), max_length=30, blank=True)
    authorisation_letter = models.BooleanField(_("letter of authorisation attached"), default=False)

    class Meta:
        verbose_name = _("applicant")
        verbose_name_plural = _("applicants")

    def __str__(self) -> str:
        return self.name


class Channel(models.TextChoices):
    WINDOW = "window", _("At the window")
    ONLINE = "online", _("Online")
    VILLAGE_PROXY = "village_proxy", _("Village proxy (代办)")
    MAIL = "mail", _("By mail")


class CaseClass(models.TextChoices):
    """办件分类 (seed 000 §4, seed 004 §4(三))."""

    IMMEDIATE = "immediate", _("Immediate (即办件)")
    PROMISED = "promised", _("Promised (承诺件)")
    SUPPLEMENT = "supplement", _("Supplement (补办件)")
    JOINT = "joint", _("Joint (联办件)")
    ESCALATED = "escalated", _("Escalated (上报件)")
    EXPEDITED = "expedited", _("Expedited (特办件)")
    RETURNED = "returned", _("Returned (退回件)")


class Outcome(models.TextChoices):
    APPROVE = "approve", _("Approved")
    DENY = "deny", _("Denied")
    REFUSED = "refused", _("Not accepted")
    OUT_OF_REMIT = "out_of_remit", _("Out of remit")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    RETURNED = "returned", _("Returned")


class Case(models.Model):
    number = models.CharField(_("case number"), max_length=40, unique=True)
    centre = models.ForeignKey("network.Centre", on_delete=models.PROTECT, related_name="cases",
                               verbose_name=_("centre"))
    # The department that reviews it (the item's, or at a higher centre the one with the same code).
    department = models.ForeignKey("network.Department", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="cases", verbose_name=_("department"))
    item = models.ForeignKey("catalogue.ServiceItem", on_delete=models.PROTECT, related_name="cases",
                             verbose_name=_("service item"))
    # Pinned: the case is handled under the guide it was received under, whatever is published later.
    item_version = models.ForeignKey("catalogue.ItemVersion", on_delete=models.PROTECT, related_name="cases",
                                     verbose_name=_("item version"))
    applicant = models.ForeignKey(Applicant, on_delete=models.PROTECT, related_name="cases",
                                  verbose_name=_("applicant"))
    channel = models.CharField(_("channel"), max_length=15, choices=Channel.choices, default=Channel.WINDOW)
    case_class = models.CharField(_("case class"), max_length=12, choices=CaseClass.choices)
    state = models.CharField(_("state"), max_length=20, choices=State.choices)
    expedited = models.BooleanField(_("green channel"), default=False)
    # An escalated case at the higher centre points to the lower case it continues.
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children",
                               verbose_name=_("parent case"))
    receiving_clerk = models.ForeignKey("network.Staff", null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="received_cases",
                                        verbose_name=_("receiving clerk (first-contact owner)"))
    reviewer = models.ForeignKey("network.Staff", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="assigned_cases", verbose_name=_("assigned reviewer"))
    proxy_agent = models.ForeignKey("network.Staff", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="followed_cases", verbose_name=_("proxy agent"))
    situation_answers = models.JSONField(_("situation answers"), default=dict, blank=True)
    missing = models.JSONField(_("missing materials"), default=list, blank=True)
    review_step = models.PositiveSmallIntegerField(_("review step"), default=0)

    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    # Art. 32: without a one-time notice by this day the application counts as accepted.
    notice_due_date = models.DateField(_("one-time notice due"), null=True, blank=True)
    one_time_notice_at = models.DateTimeField(_("one-time notice given at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    # Limits in working days as they apply to this case (joint: 45, escalated lower review: 20).
    statutory_days = models.PositiveIntegerField(_("statutory limit"), default=0)
    promised_days = models.PositiveIntegerField(_("promised limit"), default=0)
    statutory_due_date = models.DateField(_("statutory due date"), null=True, blank=True)
    promised_due_date = models.DateField(_("promised due date"), null=True, blank=True)
    decision_due_date = models.DateField(_("decision due"), null=True, blank=True)
    issue_due_date = models.DateField(_("issue due (art. 44)"), null=True, blank=True)
    extension_days = models.PositiveIntegerField(_("extension (working days)"), default=0)
    extension_reason = models.CharField(_("extension reason"), max_length=500, blank=True)
    # The day this centre's handling ended: decision, escalation, refusal, return or withdrawal.
    handled_on = models.DateField(_("handled on"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=15, choices=Outcome.choices, blank=True)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    competent_body = models.CharField(_("competent body"), max_length=200, blank=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    delivery_method = models.CharField(_("delivery method"), max_length=10, blank=True)
    delivery_detail = models.CharField(_("delivery detail"), max_length=200, blank=True)
    concluded_at = models.DateTimeField(_("concluded at"), null=True, blank=True)
    # True when a due date was computed over a year whose official calendar is not published yet.
    provisional = models.BooleanField(_("provisional dates"), default=False)
    last_event_seq = models.PositiveIntegerField(default=0, editable=False)
    # The head of the event hash chain (security.chain): changing or deleting the last event shows.
    last_event_hash = models.CharField(_("hash of the last event"), max_length=64, blank=True, default="",
                                       editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["centre", "state"], name="case_centre_state"),
            models.Index(fields=["department", "state"], name="case_department_state"),
            models.Index(fields=["state", "decision_due_date"], name="case_state_due"),
            models.Index(fields=["state", "notice_due_date"], name="case_state_notice_due"),
            models.Index(fields=["-expedited", "-id"], name="case_priority"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def due_date(self):
        """The date the applicant is told: the decision due date (promised, capped by the statutory)."""
        return self.decision_due_date


class MaterialStatus(models.TextChoices):
    ORIGINAL = "original", _("Original checked")
    COPY = "copy", _("Copy")
    ELECTRONIC = "electronic", _("Electronic")
    LICENCE_LIBRARY = "licence_library", _("From the e-licence library")
    MISSING = "missing", _("Missing")


class CaseMaterial(models.Model):
    """One line of the checklist: a material of the case's pinned version and what was provided."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="materials", verbose_name=_("case"))
    material = models.ForeignKey("catalogue.Material", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("material"))
    # Whether this applicant must provide it (required, or added by a situation answer).
    required = models.BooleanField(_("required"), default=True)
    status = models.CharField(_("status"), max_length=16, choices=MaterialStatus.choices,
                              default=MaterialStatus.MISSING)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("case material")
        verbose_name_plural = _("case materials")
        constraints = [models.UniqueConstraint(fields=["case", "material"], name="case_material_unique")]
        ordering = ["case_id", "id"]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.material_id} {self.status}"
