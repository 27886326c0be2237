"""The /api/v1 entry point: one NinjaAPI, routers per domain, one JSON error shape."""

from django.http import HttpRequest
from ninja import NinjaAPI, Schema

from luoshi.api.auth import api_auth
from luoshi.api.errors import document_error_responses, install_error_handlers
from luoshi.api.routers import dashboard, indicators, org, plans, reports, supervision

api = NinjaAPI(
    title="Luoshi API",
    version="1",
    description=(
        "落实 — 政策落实督查督办平台 API。浏览器使用会话登录，脚本使用个人 API 令牌"
        "（Authorization: Bearer <令牌>）。\n\nLuoshi policy-implementation API. Browsers use "
        "the session; scripts send a personal API token as `Authorization: Bearer <token>`."
    ),
    urls_namespace="api",
    auth=api_auth,
)
install_error_handlers(api)
document_error_responses(api)
api.add_router("", org.router)
api.add_router("", plans.router)
api.add_router("", supervision.router)
api.add_router("", indicators.router)
api.add_router("", reports.router)
api.add_router("", dashboard.router)


class HealthOut(Schema):
    status: str


@api.get("/health", response=HealthOut, auth=None, tags=["system"])
def health(request: HttpRequest) -> HealthOut:
    """Report that the service answers."""
    return HealthOut(status="ok")
