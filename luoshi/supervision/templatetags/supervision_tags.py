"""Labels for lights and their inputs, and the supervision panel on the task page."""

from typing import Any

from django import template

from luoshi.core.periods import Period, parse_period
from luoshi.org.models import User
from luoshi.plans.models import Task
from luoshi.plans.queries import own_units
from luoshi.supervision import texts
from luoshi.supervision.lights import Light
from luoshi.supervision.queries import current_item_light, local_today
from luoshi.supervision.scoring import ScoreLine

register = template.Library()


@register.filter
def light_label(light: Light) -> str:
    """Return the light's colour as a person reads it."""
    return texts.light_color_label(light)


@register.filter
def light_text(light: Light) -> str:
    """Return the rule that set the light, in the reader's language."""
    return texts.light_text(light)


@register.filter
def light_inputs(light: Light) -> list[tuple[str, str]]:
    """Return the light's inputs as (label, value) in the reader's language."""
    return texts.light_inputs(light)


@register.filter
def input_label(name: str) -> str:
    """Return the label of one light input."""
    return texts.input_label(name)


@register.filter
def state_label(code: str) -> str:
    """Return a report or progress state (`submitted`, `delayed`) in the reader's language."""
    return texts.state_label(code)


@register.filter
def score_label(line: ScoreLine) -> str:
    """Return what a score line counts."""
    return texts.score_label(line.event.kind)


@register.filter
def period_label(period: Period | str) -> str:
    """Return a period (2020Q3, as a Period or its text) as the reader writes it."""
    if isinstance(period, Period):
        return texts.period_label(period)
    try:
        return texts.period_label(parse_period(period))
    except ValueError:
        return period


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
