"""Regions, units (aliases, successions, collectives), people and roles, audit events."""

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from luoshi.org.names import normalize_unit_name


class Region(models.Model):
    class Level(models.TextChoices):
        PROVINCE = "province", _("省级")
        PREFECTURE = "prefecture", _("市州")
        COUNTY = "county", _("县区")
        ZONE = "zone", _("功能区")

    code = models.CharField(_("区划代码"), max_length=12, unique=True)
    name = models.CharField(_("名称"), max_length=64)
    level = models.CharField(_("层级"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    population = models.BigIntegerField(_("常住人口"), null=True, blank=True)
    source = models.TextField(_("来源"), blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["code"]
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("党政部门")
        GOVERNMENT = "government", _("地方政府")
        ENTERPRISE = "enterprise", _("企业")
        CENTRAL = "central", _("中央驻地单位")
        COLLECTIVE = "collective", _("集合主体")
        OTHER = "other", _("其他")

    name = models.CharField(_("规范名称"), max_length=128, unique=True)
    # The name folded by normalize_unit_name: matching compares keys, pages show the name.
    name_key = models.CharField(max_length=128, unique=True, editable=False)
    full_name = models.CharField(_("全称"), max_length=200, blank=True)
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices, default=Kind.DEPARTMENT)
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="units"
    )
    # After a 机构改革 the old unit stays (history keeps its name) and points at its successor.
    successor = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="predecessors"
    )
    succeeded_on = models.DateField(_("改革日期"), null=True, blank=True)
    members = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="collectives"
    )
    is_active = models.BooleanField(_("有效"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["kind", "name"]
        verbose_name = _("单位")
        verbose_name_plural = _("单位")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name_key = normalize_unit_name(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_key"}
        super().save(*args, **kwargs)

    @property
    def is_collective(self) -> bool:
        return self.kind == self.Kind.COLLECTIVE


class UnitAlias(models.Model):
    class Kind(models.TextChoices):
        SHORT = "short", _("简称")
        FULL = "full", _("全称")
        FORMER = "former", _("曾用名")
        OTHER = "other", _("其他写法")

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(_("别名"), max_length=200, unique=True)
    alias_key = models.CharField(max_length=200, unique=True, editable=False)
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices, default=Kind.SHORT)

    class Meta:
        ordering: ClassVar[list[str]] = ["alias"]
        verbose_name = _("单位别名")
        verbose_name_plural = _("单位别名")

    def __str__(self) -> str:
        return self.alias

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.alias_key = normalize_unit_name(self.alias)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "alias" in update_fields:
            kwargs["update_fields"] = {*update_fields, "alias_key"}
        super().save(*args, **kwargs)


class User(AbstractUser):
    class Role(models.TextChoices):
        OFFICE = "office", _("督查办")
        REPORTER = "reporter", _("填报人")
        UNIT_HEAD = "unit_head", _("单位负责人")
        LEADER = "leader", _("领导")

    display_name = models.CharField(_("姓名"), max_length=64, blank=True)
    role = models.CharField(_("角色"), max_length=16, choices=Role.choices, default=Role.REPORTER)
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    phone = models.CharField(_("手机"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=~models.Q(role__in=["reporter", "unit_head"])
                | models.Q(unit__isnull=False),
                name="unit_bound_roles_have_unit",
            )
        ]

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def is_office(self) -> bool:
        return self.is_active and (self.role == self.Role.OFFICE or self.is_superuser)

    @property
    def is_leader(self) -> bool:
        return self.is_active and self.role == self.Role.LEADER

    @property
    def reads_everything(self) -> bool:
        return self.is_office or self.is_leader


class ApiToken(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("名称"), max_length=64)
    # Only a SHA-256 of the secret is stored; the prefix lets a person recognise a token.
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at"]
        verbose_name = _("API 令牌")
        verbose_name_plural = _("API 令牌")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class AuditEvent(models.Model):
    actor = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_events"
    )
    action = models.CharField(_("操作"), max_length=64, db_index=True)
    object_type = models.CharField(_("对象类型"), max_length=64)
    object_id = models.CharField(_("对象"), max_length=64)
    object_repr = models.CharField(_("对象名称"), max_length=200, blank=True)
    old_values = models.JSONField(_("原值"), default=dict, blank=True)
    new_values = models.JSONField(_("新值"), default=dict, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at", "-id"]
        verbose_name = _("审计事件")
        verbose_name_plural = _("审计事件")
        indexes: ClassVar[list[models.Index]] = [
            # Serves the history panel of one object.
            models.Index(fields=["object_type", "object_id", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type}:{self.object_id}"

    def changes(self) -> list[tuple[str, Any, Any]]:
        """Return (field, old, new) for every field that the event touched."""
        keys = sorted(set(self.old_values) | set(self.new_values))
        return [(k, self.old_values.get(k), self.new_values.get(k)) for k in keys]
