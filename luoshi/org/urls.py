from django.urls import path

from luoshi.org import views

app_name = "org"

urlpatterns = [
    path("units/", views.unit_list, name="unit_list"),
    path("units/new/", views.unit_create, name="unit_create"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("units/<int:pk>/edit/", views.unit_edit, name="unit_edit"),
    path("units/<int:pk>/aliases/", views.unit_alias_add, name="unit_alias_add"),
    path(
        "units/<int:pk>/aliases/<int:alias_id>/remove/",
        views.unit_alias_remove,
        name="unit_alias_remove",
    ),
    path("units/<int:pk>/succession/", views.unit_succession, name="unit_succession"),
    path("units/<int:pk>/merge/", views.unit_merge, name="unit_merge"),
    path("users/", views.user_list, name="user_list"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/invite/", views.user_invite, name="user_invite"),
    path("users/import/", views.user_bulk_import, name="user_bulk_import"),
    path("users/import/template.xlsx", views.user_bulk_template, name="user_bulk_template"),
    path("users/<int:pk>/deactivate/", views.user_deactivate, name="user_deactivate"),
    path(
        "invite/<uidb64>/<token>/",
        views.InviteAcceptView.as_view(),
        name="invite_accept",
    ),
    path("audit/", views.audit_list, name="audit_list"),
    path("tokens/", views.token_list, name="token_list"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]
