"""Service events (the denominator of the active-review rate) and their evaluations (好差评)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Level(models.IntegerChoices):
    """The five national levels (国办发〔2019〕51号)."""

    VERY_SATISFIED = 5, _("Very satisfied")
    SATISFIED = 4, _("Satisfied")
    BASICALLY_SATISFIED = 3, _("Basically satisfied")
    DISSATISFIED = 2, _("Dissatisfied")
    VERY_DISSATISFIED = 1, _("Very dissatisfied")


# Levels 1–2 are bad reviews (差评): each opens a rectification loop.
BAD_LEVEL_MAX = 2


class ServiceEventKind(models.TextChoices):
    TICKET = "ticket", _("Served at a window (ticket)")
    INTAKE = "intake", _("Intake of a case")
    ISSUE = "issue", _("Issue of a result")


class ServiceEvent(models.Model):
    """One service given to a person (一次一评): a ticket served at a window, an intake without a
    ticket, an issue. `key` is the natural key ("ticket:<id>", "intake:<case id>", "issue:<case id>")
    so recording it twice is harmless."""

    key = models.CharField(_("key"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=ServiceEventKind.choices)
    centre = models.ForeignKey("network.Centre", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("centre"))
    department = models.ForeignKey("network.Department", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("department"))
    window = models.ForeignKey("network.Window", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", verbose_name=_("window"))
    staff = models.ForeignKey("network.Staff", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("staff"))
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("case"))
    ticket = models.ForeignKey("queueing.Ticket", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", verbose_name=_("ticket"))
    label = models.CharField(_("label"), max_length=120, blank=True)
    # Phone to send the SMS evaluation link to (from the ticket or the applicant).
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    at = models.DateTimeField(_("served at"))

    class Meta:
        verbose_name = _("service event")
        verbose_name_plural = _("service events")
        indexes = [
            models.Index(fields=["centre", "at"], name="fb_event_centre_at"),
            models.Index(fields=["window", "at"], name="fb_event_window_at"),
        ]

    def __str__(self) -> str:
        return self.key


class Subject(models.TextChoices):
    EVENT = "event", _("Service event")
    CASE = "case", _("Case")


class EvaluationChannel(models.TextChoices):
    WINDOW = "window", _("Window evaluator")
    WEB = "web", _("Web")
    SMS = "sms", _("SMS link")
    HOTLINE = "hotline", _("Hotline (entered by staff)")


class Evaluation(models.Model):
    """One evaluation of one service event (一次一评) or of one case (一事一评). The unique
    constraints, not a read-then-write, guarantee one per subject (also under concurrent submits)."""

    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    subject = models.CharField(_("subject"), max_length=5, choices=Subject.choices)
    event = models.OneToOneField(ServiceEvent, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="evaluation", verbose_name=_("service event"))
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="evaluations", verbose_name=_("case"))
    staff = models.ForeignKey("network.Staff", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="evaluations", verbose_name=_("staff"))
    window = models.ForeignKey("network.Window", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="evaluations", verbose_name=_("window"))
    centre = models.ForeignKey("network.Centre", on_delete=models.PROTECT, related_name="evaluations",
                               verbose_name=_("centre"))
    department = models.ForeignKey("network.Department", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="evaluations", verbose_name=_("department"))
    channel = models.CharField(_("channel"), max_length=10, choices=EvaluationChannel.choices)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    text = models.TextField(_("comment"), blank=True, max_length=1000)
    real_name = models.BooleanField(_("real name"), default=False)
    evaluator_name = models.CharField(_("evaluator name"), max_length=60, blank=True)
    evaluator_phone = models.CharField(_("evaluator phone"), max_length=30, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("citizen account"))
    entered_by = models.ForeignKey("network.Staff", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("entered by (hotline)"))
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=Q(subject="case"),
                                    name="fb_one_evaluation_per_case"),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="fb_evaluation_level_1_5"),
            models.CheckConstraint(
                condition=(Q(subject="event", event__isnull=False)
                           | Q(subject="case", case__isnull=False, event__isnull=True)),
                name="fb_evaluation_subject_set"),
        ]
        indexes = [
            models.Index(fields=["centre", "created_at"], name="fb_eval_centre_at"),
            models.Index(fields=["staff", "created_at"], name="fb_eval_staff_at"),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} · {self.subject}"

    @property
    def is_bad(self) -> bool:
        return self.level <= BAD_LEVEL_MAX


class EvaluationInvite(models.Model):
    """An SMS link with a one-time token: only the SHA-256 of the token is stored; it works once and
    expires (ONEWINDOW_FEEDBACK_INVITE_HOURS)."""

    token_hash = models.CharField(max_length=64, unique=True)
    event = models.ForeignKey(ServiceEvent, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="invites", verbose_name=_("service event"))
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+", verbose_name=_("case"))
    phone = models.CharField(_("phone"), max_length=30)
    created_at = models.DateTimeField(_("created at"))
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("evaluation invitation")
        verbose_name_plural = _("evaluation invitations")

    def __str__(self) -> str:
        return f"invite {self.pk}"
