"""Admin of the online service hall: the centre's articles and the life events on the home page."""

from __future__ import annotations

from django.contrib import admin

from onewindow.portal.models import Article, LifeEvent


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "centre", "status", "published_at", "pinned")
    list_filter = ("kind", "status", "centre")
    search_fields = ("title", "summary", "body")
    date_hierarchy = "published_at"
    fields = ("centre", "kind", "title", "summary", "body", "attachment", "attachment_name", "status",
              "published_at", "pinned")


@admin.register(LifeEvent)
class LifeEventAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "audience", "position", "active")
    list_editable = ("position", "active")
    list_filter = ("audience", "active")
    search_fields = ("name", "slug")
