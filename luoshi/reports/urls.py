from django.urls import path

from luoshi.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.bulletin_list, name="bulletin_list"),
    path("new/", views.bulletin_new, name="bulletin_new"),
    path("export/", views.export_download, name="export_download"),
    path("<int:bulletin_id>/", views.bulletin_detail, name="bulletin_detail"),
    path("<int:bulletin_id>/paragraph/", views.paragraph_edit, name="paragraph_edit"),
    path("<int:bulletin_id>/header/", views.header_edit, name="header_edit"),
    path("<int:bulletin_id>/issue/", views.bulletin_issue, name="bulletin_issue"),
    path("<int:bulletin_id>/new-version/", views.bulletin_new_version, name="bulletin_new_version"),
    path(
        "<int:bulletin_id>/download/<str:file_format>/",
        views.bulletin_download,
        name="bulletin_download",
    ),
]
