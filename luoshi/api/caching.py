"""Large read-only API answers rendered once per data revision (see luoshi.org.revision).

Validating and rendering a national dashboard (340 市州 x 40 indicators) costs more than
computing it; the rendered JSON is kept under the revision, the day and the language, and
served as is until the data changes. Callers check access first: the cached body is the
same for everyone allowed to read it.
"""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from ninja import Schema
from ninja.renderers import JSONRenderer

from luoshi.org.caching import revision_cached
from luoshi.supervision.queries import local_today

__all__ = ["cached_json"]

_RENDERER = JSONRenderer()


def cached_json(
    request: HttpRequest,
    namespace: str,
    parts: tuple[object, ...],
    schema: type[Schema],
    build: Callable[[], Any],
) -> HttpResponse:
    """Return build()'s answer validated by schema and rendered, cached under the revision."""

    def render() -> bytes:
        data = schema.model_validate(build()).model_dump(by_alias=True)
        text: str = _RENDERER.render(request, data, response_status=200)
        return text.encode()

    key = (*parts, translation.get_language(), local_today())
    content = revision_cached(f"api:{namespace}", key, render)
    return HttpResponse(content, content_type=_RENDERER.media_type)
