"""The API tests use the shared small published program."""

from luoshi.plans.tests.world import fast_password_hasher, world

__all__ = ["fast_password_hasher", "world"]
