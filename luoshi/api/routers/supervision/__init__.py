"""Supervision endpoints: rounds and reports in one router, what follows them up in the other.

`luoshi.api.api` mounts `router`; the two parts keep their URLs under the same prefix.
"""

from ninja import Router

from luoshi.api.routers.supervision import reports, tracking

router = Router(tags=["supervision"])
router.add_router("", reports.router)
router.add_router("", tracking.router)

__all__ = ["router"]
