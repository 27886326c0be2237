"""Helpers the supervision pages share."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import BaseForm
from django.http import HttpRequest

from luoshi.org.models import User
from luoshi.org.permissions import check_signed_in


def request_user(request: HttpRequest) -> User:
    return check_signed_in(request.user)


def add_errors(form: BaseForm, error: ValidationError) -> None:
    """Put an action's refusal on the form: on its field when the form has one, else on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def message_of(error: ValidationError) -> str:
    return " ".join(str(m) for m in error.messages)


def list_page(request: HttpRequest, rows: Any, name: str, size: int = 50) -> dict[str, Any]:
    """Return the context of one page of a list: the page, its rows and the simulated flag."""
    page = Paginator(rows, size).get_page(request.GET.get("page"))
    items = list(page.object_list)
    return {"page": page, name: items, "simulated": any(i.is_simulated for i in items)}
