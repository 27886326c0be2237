from django.urls import path

from luoshi.indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.indicator_list, name="indicator_list"),
    path("new/", views.indicator_create, name="indicator_create"),
    path("<int:indicator_id>/", views.indicator_detail, name="indicator_detail"),
    path("<int:indicator_id>/edit/", views.indicator_edit, name="indicator_edit"),
    path("targets/<int:target_id>/edit/", views.target_edit, name="target_edit"),
    path("targets/<int:target_id>/allocate/", views.target_allocate, name="target_allocate"),
    path(
        "programs/<int:program_id>/from-targets/",
        views.create_from_targets,
        name="create_from_targets",
    ),
    path("entry/", views.entry, name="entry"),
    path("values/<int:value_id>/", views.value_detail, name="value_detail"),
    path(
        "values/<int:value_id>/<str:action>/",
        views.value_action,
        name="value_action",
    ),
    path("approvals/", views.approvals, name="approvals"),
    path("import/", views.import_page, name="import"),
    path("imports/<int:job_id>/", views.import_detail, name="import_detail"),
    path("imports/<int:job_id>/errors.csv", views.import_errors_csv, name="import_errors_csv"),
    path("template/", views.template_download, name="template"),
    path("export/", views.export_values, name="export"),
    path("violations/", views.violations, name="violations"),
]
