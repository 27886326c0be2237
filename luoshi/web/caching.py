"""Whole pages cached per person under the data revision (luoshi.org.revision).

A page is served from the cache only to the same person, in the same language, with the
same CSRF cookie (the page embeds a token for it), on the same day, at the same data
revision; any write anywhere changes the revision. Requests that carry flash messages, and
responses that are not a plain 200, are never cached.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone

from luoshi.org.caching import CacheSlot, cache_slot, is_missing

__all__ = ["CACHE_HEADER", "cached_page"]

CACHE_HEADER = "X-Luoshi-Cache"
_KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language", "Vary")

View = Callable[..., HttpResponse]


def _slot(request: HttpRequest, view: str) -> CacheSlot | None:
    user = request.user
    if request.method != "GET" or not user.is_authenticated:
        return None
    if len(messages.get_messages(request)):
        return None
    return cache_slot(
        f"page:{view}",
        user.pk,
        request.get_full_path(),
        getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
        request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
        request.headers.get("HX-Request", ""),
        request.headers.get("HX-Target", ""),
        timezone.localdate().isoformat(),
    )


def _replay(request: HttpRequest, stored: dict[str, Any]) -> HttpResponse:
    response = HttpResponse(stored["content"], status=stored["status"])
    for name, value in stored["headers"]:
        response[name] = value
    # As on a miss: the page carries a CSRF token, so the cookie must be kept current.
    get_token(request)
    response[CACHE_HEADER] = "hit"
    return response


def cached_page(view: View) -> View:
    """Cache a read-only view's full response per person until the data changes."""
    name = f"{view.__module__}.{view.__qualname__}"

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        slot = _slot(request, name)
        if slot is not None:
            stored = slot.get()
            if not is_missing(stored):
                return _replay(request, cast(dict[str, Any], stored))
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-cache"
        if slot is None or response.status_code != 200 or response.streaming:
            return response
        if response.cookies:
            return response
        headers = [(h, response[h]) for h in _KEPT_HEADERS if response.has_header(h)]
        headers.append(("Cache-Control", "private, no-cache"))
        slot.put({"status": 200, "content": response.content, "headers": headers})
        response[CACHE_HEADER] = "miss"
        return response

    return wrapper
