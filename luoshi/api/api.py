"""The /api/v1 entry point: one NinjaAPI, routers per domain."""

from django.http import HttpRequest
from ninja import NinjaAPI, Schema

api = NinjaAPI(
    title="Luoshi API",
    version="1",
    description="落实 — 政策落实督查督办平台 API / Luoshi policy-implementation API",
    urls_namespace="api",
)


class HealthOut(Schema):
    status: str


@api.get("/health", response=HealthOut, auth=None, tags=["system"])
def health(request: HttpRequest) -> HealthOut:
    """Report that the service answers."""
    return HealthOut(status="ok")
