"""Session auth for the browser, personal API tokens (Authorization: Bearer) for scripts."""

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from luoshi.org.models import User
from luoshi.org.queries import authenticate_token


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = authenticate_token(token)
        if user is not None:
            request.user = user
        return user


class ActiveSessionAuth(SessionAuth):
    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        if isinstance(user, User) and user.is_active:
            return user
        return None


def request_user(request: HttpRequest) -> User:
    """Return the authenticated user of an API request."""
    auth = getattr(request, "auth", None)
    user = auth if isinstance(auth, User) else request.user
    assert isinstance(user, User)
    return user


api_auth = [TokenAuth(), ActiveSessionAuth()]
