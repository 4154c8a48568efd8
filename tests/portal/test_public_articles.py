"""Policies, notices and disclosure information: published vs draft vs scheduled; attachments."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile

from onewindow.portal.models import Article, ArticleKind, ArticleStatus
from tests.portal.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(frozen, centre):
    def make(title, status=ArticleStatus.PUBLISHED, published_at=at(8), kind=ArticleKind.NOTICE, **kw):
        return Article.objects.create(centre=centre, title=title, body="第一段。\n\n第二段。", status=status,
                                      published_at=published_at, kind=kind, **kw)

    return {
        "notice": make("周末服务公告"),
        "policy": make("一窗通办实施方案", kind=ArticleKind.POLICY,
                       published_at=at(8) - dt.timedelta(days=3)),
        "draft": make("草稿公告", status=ArticleStatus.DRAFT, published_at=None),
        "withdrawn": make("撤回公告", status=ArticleStatus.WITHDRAWN),
        "scheduled": make("明天发布", published_at=at(8) + dt.timedelta(days=1)),
    }


def titles(resp) -> list[str]:
    return [a.title for a in resp.context["page"]]


def test_list_shows_only_published_newest_first(client, articles):
    resp = client.get("/articles/")
    assert resp.status_code == 200
    assert titles(resp) == ["周末服务公告", "一窗通办实施方案"]
    html = resp.content.decode()
    assert "草稿公告" not in html and "明天发布" not in html and "撤回公告" not in html


def test_filter_by_kind(client, articles):
    assert titles(client.get("/articles/", {"kind": "policy"})) == ["一窗通办实施方案"]
    assert titles(client.get("/articles/", {"kind": "nonsense"})) == ["周末服务公告", "一窗通办实施方案"]
    assert client.get("/articles/", {"page": "x"}).status_code == 200


def test_detail_of_published_article(client, articles):
    resp = client.get(f"/articles/{articles['notice'].pk}/")
    assert resp.status_code == 200
    assert resp.context["paragraphs"] == ["第一段。", "第二段。"]


@pytest.mark.parametrize("which", ["draft", "withdrawn", "scheduled"])
def test_unpublished_articles_are_404(client, articles, which):
    assert client.get(f"/articles/{articles[which].pk}/").status_code == 404


def test_scheduled_article_appears_when_its_time_comes(client, articles, frozen):
    frozen.shift(dt.timedelta(days=2))
    assert "明天发布" in titles(client.get("/articles/"))


def test_attachment_is_streamed_only_when_published(client, articles):
    notice, draft = articles["notice"], articles["draft"]
    notice.attachment.save("notice.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    draft.attachment.save("draft.pdf", ContentFile(b"%PDF-1.4 draft"), save=True)
    resp = client.get(f"/articles/{notice.pk}/attachment")
    assert resp.status_code == 200
    assert b"".join(resp.streaming_content) == b"%PDF-1.4 test"
    assert client.get(f"/articles/{draft.pk}/attachment").status_code == 404
    assert client.get(f"/articles/{articles['policy'].pk}/attachment").status_code == 404


def test_home_lists_recent_published_articles(client, articles):
    html = client.get("/").content.decode()
    assert "周末服务公告" in html and "草稿公告" not in html


def test_admin_can_edit_articles(client, articles, manager):
    manager.user.is_staff = manager.user.is_superuser = True
    manager.user.save()
    client.force_login(manager.user)
    assert client.get("/admin/portal/article/").status_code == 200
    assert client.get(f"/admin/portal/article/{articles['draft'].pk}/change/").status_code == 200
    assert client.get("/admin/portal/lifeevent/").status_code == 200
