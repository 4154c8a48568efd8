"""The home page, the shared frame (accessibility hooks) and the demo step."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from onewindow.portal.models import Article, LifeEvent

pytestmark = pytest.mark.django_db


def test_home_has_search_themes_departments_events_and_links(client, food, id_card, start_business):
    resp = client.get("/")
    assert resp.status_code == 200
    html = resp.content.decode()
    assert 'role="search"' in html and 'action="/guides/"' in html
    assert "/guides/?event=start-business" in html and "开办企业" in html
    assert "/guides/?theme=social" in html
    assert f"/guides/?department={food.item.department_id}" in html
    assert 'href="/progress/"' in html and 'href="/appointments/"' in html and 'href="/articles/"' in html
    assert 'href="tel:12345"' in html  # simple mode: call the hotline
    assert '<html lang="zh-Hans">' in html
    assert 'data-mode-toggle="high-contrast"' in html and 'data-mode-toggle="simple-mode"' in html
    assert "onewindow/js/portal.js" in html and "onewindow/css/portal.css" in html


def test_home_query_count(client, food, id_card, start_business, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        assert client.get("/").status_code == 200


def test_inactive_life_event_is_hidden(client, start_business):
    start_business.active = False
    start_business.save()
    assert "start-business" not in client.get("/").content.decode()


def test_url_if_tolerates_missing_pages():
    tpl = Template('{% load portal_tags %}{% url_if "portal:no_such_page" as u %}[{{ u }}]'
                   '{% url_if "portal:guide" "X1" as g %}[{{ g }}]')
    assert tpl.render(Context({})) == "[][/guides/X1/]"


def test_demo_step_is_idempotent(centre):
    from onewindow.portal.demo import load_demo_portal

    first = load_demo_portal()
    assert "new life events" in first
    counts = (LifeEvent.objects.count(), Article.objects.count())
    load_demo_portal()
    assert (LifeEvent.objects.count(), Article.objects.count()) == counts
    assert Article.objects.filter(status="draft").count() == 1
    assert LifeEvent.objects.filter(name="开办企业").exists()


def test_life_events_are_grouped_by_audience(client, start_business):
    LifeEvent.objects.create(name="退休", slug="retirement", audience="person", position=2)
    start_business.audience = "enterprise"
    start_business.save()
    groups = client.get("/").context["event_groups"]
    assert [[e.slug for e in events] for _, events in groups] == [["retirement"], ["start-business"]]
