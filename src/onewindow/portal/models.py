"""What the online service hall itself stores (docs/portal.md):

- Article: policies, notices and disclosure information a centre publishes (seed 000 §二(三)(四)),
  edited in the admin; public once published and its publication time has come.
- LifeEvent: the life events (一件事) shown on the home page. Which items belong to an event is NOT
  stored here: the catalogue tags each published ItemVersion with `life_events`, and an event lists the
  items whose version in force carries one of its `tags`. The portal only decides which events are
  shown, in which order and with which words.
"""

from __future__ import annotations

from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

ATTACHMENT_EXTENSIONS = ["pdf", "ofd", "doc", "docx", "xls", "xlsx", "jpg", "jpeg", "png"]


class ArticleKind(models.TextChoices):
    POLICY = "policy", _("Policy")
    NOTICE = "notice", _("Notice")
    DISCLOSURE = "disclosure", _("Disclosure information")


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Article(models.Model):
    centre = models.ForeignKey("network.Centre", on_delete=models.PROTECT, related_name="articles",
                               verbose_name=_("centre"))
    kind = models.CharField(_("kind"), max_length=12, choices=ArticleKind.choices, default=ArticleKind.NOTICE)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = models.TextField(_("body"), help_text=_("Plain text; blank lines separate paragraphs."))
    status = models.CharField(_("status"), max_length=10, choices=ArticleStatus.choices,
                              default=ArticleStatus.DRAFT)
    # Public from this moment on (a future time schedules the publication).
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    attachment = models.FileField(_("attachment"), upload_to="portal/articles/%Y/", blank=True,
                                  validators=[FileExtensionValidator(ATTACHMENT_EXTENSIONS)])
    attachment_name = models.CharField(_("attachment title"), max_length=200, blank=True)
    pinned = models.BooleanField(_("pinned"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-pinned", "-published_at", "-id"]
        indexes = [models.Index(fields=["status", "kind", "published_at"], name="portal_article_pub_idx")]

    def __str__(self) -> str:
        return self.title


class LifeEventAudience(models.TextChoices):
    PERSON = "person", _("Individuals")
    ENTERPRISE = "enterprise", _("Enterprises")


class LifeEvent(models.Model):
    name = models.CharField(_("name"), max_length=40, unique=True)
    slug = models.SlugField(_("short code"), max_length=40, unique=True,
                            help_text=_("Used in the address, e.g. start-business"))
    tags = models.JSONField(_("catalogue tags"), default=list, blank=True,
                            help_text=_("Life-event tags of item versions that belong to this event; "
                                        "empty means the name itself"))
    description = models.CharField(_("description"), max_length=200, blank=True)
    audience = models.CharField(_("audience"), max_length=12, choices=LifeEventAudience.choices,
                                default=LifeEventAudience.PERSON)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("shown"), default=True)

    class Meta:
        verbose_name = _("life event")
        verbose_name_plural = _("life events")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def tag_list(self) -> list[str]:
        return [str(t) for t in (self.tags or []) if str(t).strip()] or [self.name]
