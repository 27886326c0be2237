"""List endpoints page the same way: ?page=N&page_size=M, answering {items, count}."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

MAX_PAGE_SIZE = 200
# Past this the OFFSET overflows the database's integer (a 500 found by schemathesis).
MAX_PAGE = 1_000_000


class Page(PaginationBase):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description="页码 / page number, from 1")
        page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE, description="每页条数 / page size")

    class Output(Schema):
        items: list[Any]
        count: int
        page: int
        page_size: int

    items_attribute: str = "items"

    def paginate_queryset(
        self,
        queryset: QuerySet[Any],
        pagination: Any,
        request: HttpRequest | None = None,
        **params: Any,
    ) -> dict[str, Any]:
        start = (pagination.page - 1) * pagination.page_size
        return {
            "items": queryset[start : start + pagination.page_size],
            "count": queryset.count(),
            "page": pagination.page,
            "page_size": pagination.page_size,
        }
