"""Language: Chinese unless the person chose otherwise.

Django's LocaleMiddleware follows the browser's Accept-Language, so a hall kiosk, display board or
borrowed laptop set to English would greet Chinese citizens in English. Here only an explicit
choice counts — the language cookie set by /i18n/setlang/ — and everyone else gets LANGUAGE_CODE
(zh-hans).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]  # what LocaleMiddleware sets
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
