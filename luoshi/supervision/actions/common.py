"""Helpers the supervision actions share: who may act, create-once, answer workflows."""

from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.org.audit import record_event, snapshot
from luoshi.org.models import User
from luoshi.org.permissions import check_office, check_signed_in
from luoshi.supervision.models import AnswerStatus, Instruction, SupervisionNotice
from luoshi.supervision.queries import acts_for, get_settings, local_today

M = TypeVar("M", bound=models.Model)
# What a unit answers in writing and the office reviews.
A = TypeVar("A", SupervisionNotice, Instruction)

ANSWER_FIELDS = ["status", "reply_by", "answer", "answered_by", "review_note", "reviewed_by"]


def _action(obj: models.Model, verb: str) -> str:
    return f"supervision.{obj._meta.model_name}.{verb}"


def now() -> datetime:
    return timezone.now()


def check_system_or_office(acting_user: User | None) -> None:
    """Let the system (None: the scheduler, commands) and office users through."""
    if acting_user is not None:
        check_office(acting_user)


def check_acts_for(acting_user: User, unit_id: int, message: str) -> User:
    """Return the user when it reports for the unit; otherwise refuse with the message."""
    user = check_signed_in(acting_user)
    if user.is_office or not acts_for(user, unit_id):
        raise ValidationError(message, code="not_your_unit")
    return user


def create_once(model: type[M], **fields: Any) -> M | None:
    """Insert a row unless a unique constraint already holds an equal one; None when it does.

    The database decides (no check-then-insert): two ticks racing insert at most one row.
    """
    try:
        with transaction.atomic():
            row: M = model._default_manager.create(**fields)
            return row
    except IntegrityError:
        return None


def _lock(obj: A) -> A:
    """Return the row re-read under a row lock, so a second answer or review waits."""
    locked: A = type(obj).objects.select_for_update().get(pk=obj.pk)
    return locked


def answer(obj: A, *, text: str, acting_user: User) -> A:
    """Record the addressed unit's written answer to a notice or an instruction."""
    user = check_acts_for(acting_user, obj.unit_id, _("只有被督办单位可以答复。"))
    obj = _lock(obj)
    if not text.strip():
        raise ValidationError({"answer": _("请填写答复内容。")})
    if not obj.is_awaiting_answer:
        raise ValidationError(
            _("当前状态“%(status)s”不能答复。") % {"status": obj.get_status_display()}
        )
    old = snapshot(obj, ANSWER_FIELDS)
    obj.answer = text.strip()
    obj.answered_by = user
    obj.answered_at = now()
    obj.status = AnswerStatus.ANSWERED
    obj.save(update_fields=["answer", "answered_by", "answered_at", "status"])
    record_event(
        actor=user,
        action=_action(obj, "answer"),
        obj=obj,
        old=old,
        new=snapshot(obj, ANSWER_FIELDS),
    )
    return obj


def review_answer(
    obj: A, *, accept: bool, note: str, acting_user: User, today: date | None = None
) -> A:
    """Accept the unit's answer (closing the item) or return it with a note and a new reply date.

    A returned answer is due again the program's notice reply days after today.
    """
    user = check_office(acting_user)
    obj = _lock(obj)
    if obj.status != AnswerStatus.ANSWERED:
        raise ValidationError(_("只有已答复的事项可以审核。"))
    if not accept and not note.strip():
        raise ValidationError({"review_note": _("退回时请写明原因。")})
    old = snapshot(obj, ANSWER_FIELDS)
    obj.status = AnswerStatus.ACCEPTED if accept else AnswerStatus.RETURNED
    obj.review_note = note.strip()
    obj.reviewed_by = user
    obj.reviewed_at = now()
    if not accept:
        reply_days = get_settings(obj.program).notice_reply_days
        obj.reply_by = (today or local_today()) + timedelta(days=reply_days)
    obj.save(update_fields=["status", "review_note", "reviewed_by", "reviewed_at", "reply_by"])
    record_event(
        actor=user,
        action=_action(obj, "accept_answer" if accept else "return_answer"),
        obj=obj,
        old=old,
        new=snapshot(obj, ANSWER_FIELDS),
    )
    return obj
