"""JSON API of the reports app (mounted in onewindow.api.root)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["reports"])
