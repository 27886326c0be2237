"""Programs, their source documents, sections, tasks, responsibilities and targets."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from luoshi.org.models import Region, Unit


class Program(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("待确认")
        PUBLISHED = "published", _("已发布")
        ARCHIVED = "archived", _("已归档")

    name = models.CharField(_("名称"), max_length=200)
    slug = models.SlugField(_("标识"), max_length=64, unique=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="programs"
    )
    start_date = models.DateField(_("开始日期"), null=True, blank=True)
    end_date = models.DateField(_("完成期限"), null=True, blank=True)
    is_public = models.BooleanField(_("公开进展"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at"]
        verbose_name = _("落实工作")
        verbose_name_plural = _("落实工作")

    def __str__(self) -> str:
        return self.name


class PolicyDocument(models.Model):
    """One version of a program's source text; a revised document is a new version."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="documents")
    version = models.PositiveIntegerField(_("版本"))
    title = models.CharField(_("标题"), max_length=300, blank=True)
    issuer = models.JSONField(_("发文机关"), default=list, blank=True)
    doc_number = models.CharField(_("文号"), max_length=64, blank=True)
    date = models.DateField(_("成文日期"), null=True, blank=True)
    source_name = models.CharField(_("来源文件"), max_length=255, blank=True)
    text = models.TextField(_("正文"))
    sha256 = models.CharField(max_length=64)
    # The parser's output as reviewed and corrected by the office (plan.schema.json shape).
    plan = models.JSONField(_("解析结果"), default=dict)
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["program", "-version"]
        verbose_name = _("政策文件")
        verbose_name_plural = _("政策文件")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["program", "version"], name="document_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.title or self.source_name} v{self.version}"


class Section(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    path = models.CharField(_("条款"), max_length=64)
    title = models.CharField(_("标题"), max_length=300)
    order = models.PositiveIntegerField(_("顺序"))

    class Meta:
        ordering: ClassVar[list[str]] = ["program", "order"]
        verbose_name = _("条款")
        verbose_name_plural = _("条款")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["program", "path"], name="section_path_unique")
        ]

    def __str__(self) -> str:
        return f"{self.path} {self.title}"


class Task(models.Model):
    class Level(models.TextChoices):
        ITEM = "item", _("重点任务")
        MEASURE = "measure", _("具体措施")
        CLAUSE = "clause", _("分项任务")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="tasks")
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    path = models.CharField(_("条款"), max_length=64)
    title = models.CharField(_("重点任务"), max_length=300, blank=True)
    text = models.TextField(_("任务内容"))
    level = models.CharField(_("层级"), max_length=16, choices=Level.choices, default=Level.ITEM)
    responsibility_text = models.TextField(_("责任分工原文"), blank=True)
    deadline = models.DateField(_("完成时限"), null=True, blank=True)
    order = models.PositiveIntegerField(_("顺序"))
    # A task dropped by a revised document is kept (its reports stay) but no longer active.
    is_active = models.BooleanField(_("有效"), default=True)
    units: "models.ManyToManyField[Unit, Responsibility]" = models.ManyToManyField(
        Unit, through="Responsibility", related_name="tasks"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["program", "order"]
        verbose_name = _("任务")
        verbose_name_plural = _("任务")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            # Only active tasks need distinct paths: a task removed by a revised document
            # keeps its old path while a new task may take it.
            models.UniqueConstraint(
                fields=["program", "path"],
                condition=models.Q(is_active=True),
                name="task_active_path_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.path} {self.title}".strip()


class Responsibility(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("牵头")
        CO = "co", _("配合")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="responsibilities")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="responsibilities")
    role = models.CharField(_("角色"), max_length=8, choices=Role.choices)
    # True when the text marks the lead (牵头) or states the first-listed rule.
    is_explicit = models.BooleanField(_("原文明确"), default=True)
    verbatim_name = models.CharField(_("原文写法"), max_length=128)
    order = models.PositiveIntegerField(_("顺序"))

    class Meta:
        ordering: ClassVar[list[str]] = ["task", "order"]
        verbose_name = _("责任分工")
        verbose_name_plural = _("责任分工")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["task", "unit"], name="responsibility_unique")
        ]
        indexes: ClassVar[list[models.Index]] = [
            # Serves "my tasks" and the unit page: tasks of one unit.
            models.Index(fields=["unit", "role"]),
        ]

    def __str__(self) -> str:
        return f"{self.task.path} {self.unit} ({self.role})"


class Target(models.Model):
    class Comparator(models.TextChoices):
        GTE = ">=", _("不低于")
        GT = ">", _("超过")
        LTE = "<=", _("不高于")
        LT = "<", _("低于")
        EQ = "=", _("等于")
        APPROX = "~", _("左右")
        RANGE = "range", _("区间")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="targets")
    task = models.ForeignKey(
        Task, null=True, blank=True, on_delete=models.SET_NULL, related_name="targets"
    )
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="targets"
    )
    path = models.CharField(_("条款"), max_length=64, blank=True)
    text = models.TextField(_("原文"))
    indicator_name = models.CharField(_("指标"), max_length=200)
    value = models.DecimalField(_("目标值"), max_digits=24, decimal_places=6, null=True, blank=True)
    value_min = models.DecimalField(
        _("目标下限"), max_digits=24, decimal_places=6, null=True, blank=True
    )
    unit = models.CharField(_("单位"), max_length=32, blank=True)
    comparator = models.CharField(_("比较"), max_length=8, choices=Comparator.choices)
    year = models.PositiveIntegerField(_("年份"), null=True, blank=True)
    period = models.CharField(_("期限"), max_length=64, blank=True)
    scope = models.CharField(_("范围"), max_length=64, blank=True)
    order = models.PositiveIntegerField(_("顺序"))
    # A target dropped by a revised document is kept (data values may refer to it).
    is_active = models.BooleanField(_("有效"), default=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["program", "order"]
        verbose_name = _("量化目标")
        verbose_name_plural = _("量化目标")

    def __str__(self) -> str:
        return self.indicator_name


class DocumentUnitName(models.Model):
    """How one unit name as written in a document maps to a registry unit."""

    class Source(models.TextChoices):
        REGISTRY = "registry", _("名录匹配")
        OFFICE = "office", _("人工选择")
        CREATED = "created", _("新建单位")

    document = models.ForeignKey(
        PolicyDocument, on_delete=models.CASCADE, related_name="unit_names"
    )
    verbatim_name = models.CharField(_("原文写法"), max_length=128)
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(
        _("匹配方式"), max_length=16, choices=Source.choices, default=Source.REGISTRY
    )

    class Meta:
        ordering: ClassVar[list[str]] = ["document", "id"]
        verbose_name = _("单位名称对应")
        verbose_name_plural = _("单位名称对应")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["document", "verbatim_name"], name="document_unit_name_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.verbatim_name} → {self.unit or '?'}"
