"""Helpers the plan pages share."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from luoshi.org.models import User
from luoshi.plans.forms import (
    PolicySourceForm,
)
from luoshi.plans.importing import read_policy_upload


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _errors(exc: ValidationError) -> str:
    return " ".join(str(m) for m in exc.messages)


def _limit_mb() -> int:
    return max(1, settings.UPLOAD_MAX_BYTES // 1048576)


def _source_text(form: PolicySourceForm) -> tuple[str, str]:
    """Return the policy text and its source name from a valid source form."""
    upload = form.cleaned_data.get("file")
    if upload is not None:
        return read_policy_upload(upload.name, upload.read()), upload.name
    return form.cleaned_data["text"], _("粘贴的正文")
