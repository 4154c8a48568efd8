"""JSON API of the notifications app (mounted in onewindow.api.root)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["notifications"])
