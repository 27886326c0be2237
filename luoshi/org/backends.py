"""The login backend: Django's model backend, with the signed-in user cached per revision."""

from typing import Any

from django.contrib.auth.backends import ModelBackend

from luoshi.org.caching import revision_cached

__all__ = ["CachedModelBackend"]


class CachedModelBackend(ModelBackend):
    """Every page load looks the session's user up; any write to users (role, unit, active,
    password) moves the data revision, so a cached copy is never older than the data."""

    def get_user(self, user_id: Any) -> Any:
        return revision_cached(
            "user", (str(user_id),), lambda: super(CachedModelBackend, self).get_user(user_id)
        )
