"""Who may see and do what: the role rules every query and action calls."""

from django.http import Http404

from luoshi.org.models import Unit, User


def is_signed_in(user: object) -> bool:
    return isinstance(user, User) and user.is_authenticated and user.is_active


def check_office(user: object) -> User:
    """Return the user when it may administer programs; otherwise raise Http404."""
    if not is_signed_in(user):
        raise Http404
    assert isinstance(user, User)
    if not user.is_office:
        raise Http404
    return user


def check_signed_in(user: object) -> User:
    """Return the user when signed in and active; otherwise raise Http404."""
    if not is_signed_in(user):
        raise Http404
    assert isinstance(user, User)
    return user


def own_unit_ids(user: User) -> set[int]:
    """Return the ids of the units a reporter acts for: its own, predecessors, collectives."""
    if user.unit_id is None:
        return set()
    ids = {user.unit_id}
    # Succession carries responsibilities forward: the successor reports for its predecessors.
    frontier = {user.unit_id}
    while frontier:
        frontier = (
            set(Unit.objects.filter(successor_id__in=frontier).values_list("id", flat=True)) - ids
        )
        ids |= frontier
    ids.update(Unit.objects.filter(members__id__in=ids).values_list("id", flat=True))
    return ids
