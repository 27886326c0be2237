from django.urls import path

from luoshi.plans import views

app_name = "plans"

urlpatterns = [
    path("", views.program_list, name="program_list"),
    path("import/", views.program_import, name="program_import"),
    path("<int:program_id>/", views.program_detail, name="program_detail"),
    path("<int:program_id>/reimport/", views.program_reimport, name="program_reimport"),
    path("<int:program_id>/tasks/", views.task_list, name="task_list"),
    path("<int:program_id>/matrix/", views.matrix, name="matrix"),
    path("<int:program_id>/units/<int:unit_id>/", views.unit_tasks, name="unit_tasks"),
    path("tasks/<int:task_id>/", views.task_detail, name="task_detail"),
    path("documents/<int:document_id>/review/", views.document_review, name="document_review"),
    path(
        "documents/<int:document_id>/tasks/<int:index>/edit/",
        views.plan_task_edit,
        name="plan_task_edit",
    ),
    path(
        "documents/<int:document_id>/tasks/<int:index>/", views.plan_task_row, name="plan_task_row"
    ),
    path(
        "documents/<int:document_id>/confirm-leads/",
        views.plan_confirm_leads,
        name="plan_confirm_leads",
    ),
    path(
        "documents/<int:document_id>/names/<int:name_id>/",
        views.plan_map_name,
        name="plan_map_name",
    ),
    path(
        "documents/<int:document_id>/targets/<int:index>/",
        views.plan_target_edit,
        name="plan_target_edit",
    ),
    path("documents/<int:document_id>/publish/", views.document_publish, name="document_publish"),
    path("documents/<int:document_id>/discard/", views.document_discard, name="document_discard"),
]
