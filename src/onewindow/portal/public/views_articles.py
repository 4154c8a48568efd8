"""Policies, notices and disclosure information published by the centres (seed 000 §二(三)(四))."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from onewindow.core.errors import NotFound
from onewindow.portal.models import ArticleKind
from onewindow.portal.public import selectors as sel
from onewindow.portal.public.common import int_param

PER_PAGE = 20


@require_GET
def articles(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    kind = kind if kind in ArticleKind.values else ""
    paginator = Paginator(sel.articles_published(kind=kind), PER_PAGE)
    page = paginator.get_page(int_param(request.GET.get("page"), default=1))
    return render(request, "portal/articles.html", {"page": page, "kind": kind, "kinds": ArticleKind.choices})


def _article(pk: int):
    try:
        return sel.article_public(pk=pk)
    except NotFound:
        raise Http404 from None


@require_GET
def article(request: HttpRequest, pk: int) -> HttpResponse:
    a = _article(pk)
    paragraphs = [p.strip() for p in a.body.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return render(request, "portal/article.html", {"article": a, "paragraphs": paragraphs})


@require_GET
def article_attachment(request: HttpRequest, pk: int) -> FileResponse:
    """The attachment of a published article, streamed (uploads are not served as static media)."""
    a = _article(pk)
    if not a.attachment:
        raise Http404
    name = a.attachment.name.rsplit("/", 1)[-1]
    try:
        handle = a.attachment.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=name)
