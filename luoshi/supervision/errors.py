"""Domain errors the pages and the API turn into clear messages."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class StaleVersionError(ValidationError):
    """A save named an older version than the stored one: someone else saved in between."""

    def __init__(self, *, current_version: int, current_values: dict[str, Any]) -> None:
        super().__init__(
            _(
                "该报告已被他人修改（当前版本 %(version)s），您的修改未保存。"
                "请对照下方的最新内容后重新保存。"
            )
            % {"version": current_version},
            code="stale_version",
        )
        self.current_version = current_version
        self.current_values = current_values
