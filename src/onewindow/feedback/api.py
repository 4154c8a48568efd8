"""JSON API of the feedback app (mounted in onewindow.api.root)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["feedback"])
