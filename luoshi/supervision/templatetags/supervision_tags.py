"""Labels for lights and their inputs, and the supervision panel on the task page."""

from typing import Any

from django import template
from django.utils.translation import gettext as _

from luoshi.org.models import User
from luoshi.plans.models import Task
from luoshi.plans.queries import own_units
from luoshi.supervision.lights import Light
from luoshi.supervision.queries import current_item_light, local_today

register = template.Library()


@register.filter
def light_label(light: Light) -> str:
    """Return the light's colour as a person reads it."""
    return {"green": _("绿灯"), "yellow": _("黄灯"), "red": _("红灯")}[light.color.value]


@register.filter
def input_label(name: str) -> str:
    """Return the label of one light input."""
    labels = {
        "today": _("今天"),
        "due_on": _("报送截止日期"),
        "report_status": _("报告状态"),
        "progress_status": _("进展状态"),
        "previous_progress_status": _("上一轮进展状态"),
        "percent_complete": _("完成进度（%）"),
        "expected_percent": _("序时进度（%）"),
        "span": _("任务期限"),
        "as_of": _("进度计算日期"),
        "yellow_due_days": _("截止前亮黄灯天数"),
        "behind_points": _("落后序时进度阈值（百分点）"),
    }
    return labels.get(name, name)


@register.inclusion_tag("supervision/_task_panel.html", takes_context=True)
def task_supervision_panel(context: dict[str, Any], task: Task) -> dict[str, Any]:
    """Show the task's reports in its latest round and the task's current light with its rule."""
    user = context.get("user")
    round_, light, reports = current_item_light(task, local_today())
    if isinstance(user, User) and not user.reads_everything:
        own = own_units(user)
        lead_units = {r.unit_id for r in reports if r.role == "lead"}
        if not own & lead_units:
            reports = [r for r in reports if r.unit_id in own]
    return {
        "task": task,
        "round": round_,
        "light": light,
        "reports": reports,
        "user": user,
        "request": context.get("request"),
        "simulated": bool(round_ and round_.is_simulated),
    }
