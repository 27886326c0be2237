from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from luoshi.org.models import ApiToken, AuditEvent, Region, Unit, UnitAlias, User

# ModelAdmin is generic only in the type stubs; at runtime it cannot be subscripted.
if TYPE_CHECKING:
    RegionAdminBase = admin.ModelAdmin[Region]
    UnitAdminBase = admin.ModelAdmin[Unit]
    UnitAliasAdminBase = admin.ModelAdmin[UnitAlias]
    UnitAliasInlineBase = admin.TabularInline[UnitAlias, Unit]
    ApiTokenAdminBase = admin.ModelAdmin[ApiToken]
    AuditEventAdminBase = admin.ModelAdmin[AuditEvent]
    UserAdminBase = UserAdmin[User]
else:
    RegionAdminBase = UnitAdminBase = UnitAliasAdminBase = admin.ModelAdmin
    ApiTokenAdminBase = AuditEventAdminBase = admin.ModelAdmin
    UnitAliasInlineBase = admin.TabularInline
    UserAdminBase = UserAdmin


@admin.register(Region)
class RegionAdmin(RegionAdminBase):
    list_display = (
        "code",
        "name",
        "level",
        "parent",
        "population",
    )
    list_filter = ("level",)
    search_fields = (
        "code",
        "name",
    )
    raw_id_fields = ("parent",)


class UnitAliasInline(UnitAliasInlineBase):
    model = UnitAlias
    extra = 0


@admin.register(Unit)
class UnitAdmin(UnitAdminBase):
    list_display = (
        "name",
        "full_name",
        "kind",
        "region",
        "successor",
        "is_active",
    )
    list_filter = (
        "kind",
        "is_active",
    )
    search_fields = (
        "name",
        "full_name",
        "aliases__alias",
    )
    raw_id_fields = (
        "region",
        "successor",
    )
    filter_horizontal = ("members",)
    inlines = (UnitAliasInline,)


@admin.register(UnitAlias)
class UnitAliasAdmin(UnitAliasAdminBase):
    list_display = (
        "alias",
        "unit",
        "kind",
    )
    list_filter = ("kind",)
    search_fields = (
        "alias",
        "unit__name",
    )
    raw_id_fields = ("unit",)


@admin.register(User)
class LuoshiUserAdmin(UserAdminBase):
    list_display = (
        "username",
        "display_name",
        "role",
        "unit",
        "is_active",
    )
    list_filter = (
        "role",
        "is_active",
        "is_staff",
    )
    search_fields = (
        "username",
        "display_name",
        "email",
        "unit__name",
    )
    raw_id_fields = ("unit",)
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        (_("落实"), {"fields": ("display_name", "role", "unit", "phone")}),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(ApiTokenAdminBase):
    list_display = (
        "name",
        "user",
        "prefix",
        "created_at",
        "last_used_at",
        "revoked_at",
    )
    search_fields = (
        "name",
        "prefix",
        "user__username",
    )
    readonly_fields = (
        "prefix",
        "key_hash",
        "created_at",
        "last_used_at",
    )
    raw_id_fields = ("user",)


@admin.register(AuditEvent)
class AuditEventAdmin(AuditEventAdminBase):
    list_display = (
        "created_at",
        "actor",
        "action",
        "object_type",
        "object_repr",
    )
    list_filter = (
        "action",
        "object_type",
    )
    search_fields = (
        "object_repr",
        "object_id",
        "actor__username",
        "request_id",
    )
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
