"""Every supervision write: one `do_<verb>_<noun>` per change, in one transaction, audited."""

from luoshi.supervision.actions.evidence import do_add_evidence, do_remove_evidence
from luoshi.supervision.actions.notices import (
    do_answer_instruction,
    do_answer_notice,
    do_escalate_notice,
    do_issue_notice,
    do_mark_notifications_read,
    do_review_instruction_answer,
    do_review_notice_answer,
    do_write_instruction,
)
from luoshi.supervision.actions.reports import (
    do_create_report,
    do_save_report,
    do_sign_off_report,
    do_submit_report,
)
from luoshi.supervision.actions.review import do_accept_report, do_return_report
from luoshi.supervision.actions.rounds import (
    do_close_round,
    do_create_due_rounds,
    do_lock_round,
    do_open_round,
    do_save_round_schedule,
    do_unlock_report,
    do_unlock_round,
    do_update_supervision_settings,
)
from luoshi.supervision.actions.scheduler import SupervisionRun, do_run_supervision
from luoshi.supervision.actions.tracking import (
    do_add_decision,
    do_close_decision,
    do_decide_extension,
    do_record_meeting,
    do_request_extension,
)

__all__ = [
    "SupervisionRun",
    "do_accept_report",
    "do_add_decision",
    "do_add_evidence",
    "do_answer_instruction",
    "do_answer_notice",
    "do_close_decision",
    "do_close_round",
    "do_create_due_rounds",
    "do_create_report",
    "do_decide_extension",
    "do_escalate_notice",
    "do_issue_notice",
    "do_lock_round",
    "do_mark_notifications_read",
    "do_open_round",
    "do_record_meeting",
    "do_remove_evidence",
    "do_request_extension",
    "do_return_report",
    "do_review_instruction_answer",
    "do_review_notice_answer",
    "do_run_supervision",
    "do_save_report",
    "do_save_round_schedule",
    "do_sign_off_report",
    "do_submit_report",
    "do_unlock_report",
    "do_unlock_round",
    "do_update_supervision_settings",
    "do_write_instruction",
]
