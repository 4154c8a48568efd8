"""Template helpers of the citizen side."""

from __future__ import annotations

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag
def url_if(name: str, *args) -> str:
    """The URL of `name`, or "" while that page does not exist yet (pages of other teams: login,
    register, apply online, evaluation …); templates hide the link when it is empty."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""
