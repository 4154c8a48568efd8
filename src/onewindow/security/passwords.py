"""Password policy beyond Django's validators: mixed character classes (GB/T 22239 等保 asks for it)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_CLASSES = (re.compile(r"[a-z]"), re.compile(r"[A-Z]"), re.compile(r"[0-9]"), re.compile(r"[^a-zA-Z0-9]"))


class CharacterClassValidator:
    """At least `min_classes` of: lower-case letters, upper-case letters, digits, other characters."""

    def __init__(self, min_classes: int = 2) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user=None) -> None:
        if sum(1 for c in _CLASSES if c.search(password)) < self.min_classes:
            raise ValidationError(
                _("The password must mix at least %(n)d kinds of characters: lower-case letters, "
                  "upper-case letters, digits, symbols."),
                code="password_too_uniform", params={"n": self.min_classes})

    def get_help_text(self) -> str:
        return _("Mix at least %(n)d kinds of characters: lower-case letters, upper-case letters, digits, "
                 "symbols.") % {"n": self.min_classes}
