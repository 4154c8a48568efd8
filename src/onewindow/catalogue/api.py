"""The public catalogue: item list with search and keyset pages, and the full guide of one item.

Public (no auth): the guide is public disclosure (seven disclosures, seed 004). See docs/api.md.
"""

from __future__ import annotations

from ninja import Query, Router

from onewindow.catalogue.listing import MAX_PAGE_SIZE, PAGE_SIZE, ItemFilters, guide_detail, item_page
from onewindow.catalogue.schemas import GuideOut, ItemPageOut, guide_out, item_summary
from onewindow.core.schemas import ErrorOut

router = Router(tags=["catalogue"], auth=None)


@router.get("", response={200: ItemPageOut, 422: ErrorOut}, auth=None, url_name="item_list")
def list_items(
    request,
    q: str = Query("", max_length=100,
                   description="name, code, keyword, full pinyin or pinyin initials (sfz)"),
    department: str = Query("", max_length=30, description="department code (e.g. SCJG) or id"),
    item_type: str = Query("", max_length=2, description="national type code: 01 05 07 08 09 10 20"),
    theme: str = Query("", max_length=20, description="theme code, e.g. social"),
    centre: int | None = Query(None, ge=1, le=2**62, description="implementing centre id"),
    region: str = Query("", max_length=12, description="GB/T 2260 code of the implementing centre's region"),
    available_at: int | None = Query(None, ge=1, le=2**62,
                                     description="centre id: its own items plus those delegated to it"),
    cursor: str = Query("", max_length=200, description="opaque; copy it from `next`"),
    limit: int = Query(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE),
):
    """Published, active items ordered by implementation code; `next` is the URL of the next page."""
    filters = ItemFilters(q=q, department=department, item_type=item_type, theme=theme, centre=centre,
                          region=region, available_at=available_at)
    page = item_page(filters=filters, cursor=cursor or None, limit=limit)
    next_url = None
    if page.next_cursor:
        params = request.GET.copy()
        params["cursor"] = page.next_cursor
        next_url = request.build_absolute_uri(f"{request.path}?{params.urlencode()}")
    return {"count": page.count, "results": [item_summary(i) for i in page.items], "next": next_url}


@router.get("/{code}", response={200: GuideOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}, auth=None,
            url_name="item_detail")
def get_item(request, code: str,
             centre: int | None = Query(None, ge=1, le=2**62,
                                        description="narrows a basic code to one centre")):
    """The guide of one item by implementation code, or by basic code when that names one item."""
    return guide_out(guide_detail(code=code, centre=centre))
