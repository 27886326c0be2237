from django.urls import path

from luoshi.supervision.views import notices, overview, reports, rounds, tracking

app_name = "supervision"

urlpatterns = [
    path("", rounds.round_list, name="round_list"),
    path("rounds/new/", rounds.round_new, name="round_new"),
    path("rounds/<int:round_id>/", rounds.round_detail, name="round_detail"),
    path("rounds/<int:round_id>/lock/", rounds.round_state, {"verb": "lock"}, name="round_lock"),
    path("rounds/<int:round_id>/close/", rounds.round_state, {"verb": "close"}, name="round_close"),
    path(
        "rounds/<int:round_id>/unlock/", rounds.round_state, {"verb": "unlock"}, name="round_unlock"
    ),
    path("schedules/", rounds.schedule_list, name="schedule_list"),
    path("programs/<int:program_id>/settings/", rounds.settings_edit, name="settings_edit"),
    path("timeliness/", rounds.timeliness, name="timeliness"),
    path("review/", reports.review_queue, name="review_queue"),
    path("my-reports/", reports.my_reports, name="my_reports"),
    path("reports/<int:report_id>/", reports.report_detail, name="report_detail"),
    path("reports/<int:report_id>/autosave/", reports.report_autosave, name="report_autosave"),
    path("reports/<int:report_id>/signoff/", reports.report_signoff, name="report_signoff"),
    path(
        "reports/<int:report_id>/accept/",
        reports.report_review,
        {"verb": "accept"},
        name="report_accept",
    ),
    path(
        "reports/<int:report_id>/return/",
        reports.report_review,
        {"verb": "return"},
        name="report_return",
    ),
    path("reports/<int:report_id>/unlock/", reports.report_unlock, name="report_unlock"),
    path("reports/<int:report_id>/evidence/", reports.evidence_upload, name="evidence_upload"),
    path("reports/<int:report_id>/notice/", notices.notice_new, name="notice_new"),
    path("evidence/<int:evidence_id>/", reports.evidence_download, name="evidence_download"),
    path("evidence/<int:evidence_id>/delete/", reports.evidence_delete, name="evidence_delete"),
    path("notices/", notices.notice_list, name="notice_list"),
    path("notices/<int:notice_id>/", notices.notice_detail, name="notice_detail"),
    path("notices/<int:notice_id>/review/", notices.notice_review, name="notice_review"),
    path("extensions/", tracking.extension_list, name="extension_list"),
    path("extensions/new/", tracking.extension_new, name="extension_new"),
    path(
        "extensions/<int:extension_id>/decide/", tracking.extension_decide, name="extension_decide"
    ),
    path("meetings/", tracking.meeting_list, name="meeting_list"),
    path("meetings/new/", tracking.meeting_new, name="meeting_new"),
    path("meetings/<int:meeting_id>/", tracking.meeting_detail, name="meeting_detail"),
    path("decisions/<int:decision_id>/close/", tracking.decision_close, name="decision_close"),
    path("instructions/", notices.instruction_list, name="instruction_list"),
    path("instructions/new/", notices.instruction_new, name="instruction_new"),
    path(
        "instructions/<int:instruction_id>/", notices.instruction_detail, name="instruction_detail"
    ),
    path(
        "instructions/<int:instruction_id>/review/",
        notices.instruction_review,
        name="instruction_review",
    ),
    path("scorecards/", overview.scorecards, name="scorecards"),
    path("notifications/", overview.notification_list, name="notification_list"),
]
