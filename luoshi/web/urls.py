from django.urls import path

from luoshi.web import views
from luoshi.web.dashboard import views as dashboard

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("my-tasks/", views.my_tasks, name="my_tasks"),
    path("dashboard/", dashboard.dashboard_home, name="dashboard_home"),
    path("dashboard/<int:program_id>/", dashboard.dashboard, name="dashboard"),
    path("dashboard/<int:program_id>/how/", dashboard.dashboard_how, name="dashboard_how"),
    path("dashboard/<int:program_id>/public/", dashboard.public_toggle, name="public_toggle"),
    path(
        "dashboard/<int:program_id>/regions/<str:code>/",
        dashboard.prefecture,
        name="prefecture",
    ),
    path(
        "dashboard/<int:program_id>/units/<int:unit_id>/",
        dashboard.unit_dashboard,
        name="unit_dashboard",
    ),
    path("public/<slug:slug>/", dashboard.public, name="public"),
]
