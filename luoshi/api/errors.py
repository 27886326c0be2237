"""One JSON error shape for the whole API: a code and a Chinese and English message."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

_STATUS_CODES = {
    400: ("bad_request", "请求有误", "bad request"),
    401: ("unauthenticated", "请先登录或提供有效的 API 令牌", "sign in or send a valid API token"),
    403: ("forbidden", "无权执行此操作", "not allowed"),
    404: ("not_found", "未找到", "not found"),
    409: (
        "conflict",
        "数据已被他人修改，请刷新后重试",
        "changed by someone else; reload and retry",
    ),
    413: ("too_large", "文件过大", "file too large"),
    422: ("invalid", "输入有误", "invalid input"),
}


class ApiError(HttpError):
    """An error with a stable code and messages in both languages."""

    def __init__(
        self, status_code: int, code: str, message_zh: str, message_en: str, **details: Any
    ) -> None:
        super().__init__(status_code, f"{message_zh} / {message_en}")
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en
        self.details = details


def error_body(code: str, message_zh: str, message_en: str, **details: Any) -> dict[str, Any]:
    """Return the JSON body of an API error."""
    body: dict[str, Any] = {
        "code": code,
        "message": f"{message_zh} / {message_en}",
        "message_zh": message_zh,
        "message_en": message_en,
    }
    if details:
        body["details"] = details
    return body


def _default(status: int) -> tuple[str, str, str]:
    return _STATUS_CODES.get(status, ("error", "出错了", "error"))


def _messages_of(exc: Any) -> list[str]:
    return [str(m) for m in exc.messages]


def install_error_handlers(api: NinjaAPI) -> None:
    """Map every exception the API lets through to the one JSON error shape."""

    def api_error(request: HttpRequest, exc: Any) -> HttpResponse:
        assert isinstance(exc, ApiError)
        return api.create_response(
            request,
            error_body(exc.code, exc.message_zh, exc.message_en, **exc.details),
            status=exc.status_code,
        )

    def http_error(request: HttpRequest, exc: Any) -> HttpResponse:
        code, zh, en = _default(exc.status_code)
        return api.create_response(
            request, error_body(code, zh, en, reason=str(exc)), status=exc.status_code
        )

    def not_found(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(request, error_body(*_default(404)), status=404)

    def forbidden(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(request, error_body(*_default(403)), status=403)

    def unauthenticated(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(request, error_body(*_default(401)), status=401)

    def invalid_input(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(
            request, error_body(*_default(422), errors=exc.errors), status=422
        )

    def domain_invalid(request: HttpRequest, exc: Any) -> HttpResponse:
        # The action's own sentence says what is wrong; it leads the message.
        errors = _messages_of(exc)
        flat = [m for ms in errors.values() for m in ms] if isinstance(errors, dict) else errors
        code, zh, en = _default(400)
        message_zh = "；".join(flat) if flat else zh
        return api.create_response(
            request, error_body(code, message_zh, en, errors=errors), status=400
        )

    def out_of_range(request: HttpRequest, exc: Any) -> HttpResponse:
        # An id or number past the database's integer range (found by schemathesis: 500s).
        return api.create_response(
            request, error_body(*_default(422), reason="number out of range"), status=422
        )

    api.add_exception_handler(OverflowError, out_of_range)
    api.add_exception_handler(DataError, out_of_range)
    api.add_exception_handler(ApiError, api_error)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(PermissionDenied, forbidden)
    api.add_exception_handler(AuthenticationError, unauthenticated)
    api.add_exception_handler(NinjaValidationError, invalid_input)
    api.add_exception_handler(DjangoValidationError, domain_invalid)


ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["code", "message", "message_zh", "message_en"],
    "properties": {
        "code": {"type": "string"},
        "message": {"type": "string"},
        "message_zh": {"type": "string"},
        "message_en": {"type": "string"},
        "details": {"type": "object"},
    },
}
_WRITES = {"post", "put", "patch", "delete"}


def _error_codes(method: str, operation: dict[str, Any], path: str) -> list[int]:
    """Return the error statuses the handlers above can give this operation."""
    codes = []
    if method in _WRITES:
        # A domain ValidationError (400) and a permission check (403) can stop any write;
        # a write to an existing object can meet a newer version of it (409).
        codes += [400, 403, 409] if "{" in path else [400, 403]
    if operation.get("security"):
        codes.append(401)
    if "{" in path or operation.get("parameters") or operation.get("requestBody"):
        # An id in the path, the query or the body may name a missing (or hidden) object.
        codes += [404, 422]
    return codes


def document_error_responses(api: NinjaAPI) -> None:
    """List the shared error responses in the OpenAPI document, so clients can rely on them.

    Operations still declare their own extra statuses (409 on a stale version, 202, ...);
    this adds the ones every operation of its kind can answer through the handlers above.
    """
    original = api.get_openapi_schema

    def with_errors(*args: Any, **kwargs: Any) -> Any:
        schema = original(*args, **kwargs)
        for path, operations in schema.get("paths", {}).items():
            for method, operation in operations.items():
                responses = operation.setdefault("responses", {})
                for status in _error_codes(method, operation, path):
                    if str(status) in responses:
                        continue
                    # Integer keys, as ninja writes its own: no "404" next to a 404.
                    responses.setdefault(
                        status,
                        {
                            "description": _default(status)[2],
                            "content": {"application/json": {"schema": ERROR_SCHEMA}},
                        },
                    )
        return schema

    api.get_openapi_schema = with_errors  # type: ignore[method-assign]
