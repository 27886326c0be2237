"""Leader instructions: written by a leader, answered by the unit, done when the office accepts."""

import pytest
from django.core.exceptions import ValidationError

from luoshi.supervision import actions
from luoshi.supervision.models import Instruction
from luoshi.supervision.tests.conftest import World, open_round, report_of

pytestmark = pytest.mark.django_db


def test_instruction_is_tracked_until_the_answer_is_accepted(world: World) -> None:
    instruction = actions.do_write_instruction(
        text="请网信办抓紧推进，月底前报进展。",
        unit=world.unit_a,
        task=world.task_a,
        acting_user=world.leader,
    )
    assert (instruction.status, instruction.author, instruction.program) == (
        "open",
        world.leader,
        world.program,
    )
    actions.do_answer_instruction(instruction, text="已部署落实。", acting_user=world.reporter_a)
    actions.do_review_instruction_answer(instruction, accept=True, acting_user=world.office)
    instruction.refresh_from_db()
    assert (instruction.status, instruction.answer) == ("accepted", "已部署落实。")


def test_instruction_on_a_report(world: World) -> None:
    report = report_of(open_round(world), world.task_b, world.unit_b)
    instruction = actions.do_write_instruction(
        text="请补充数据。", unit=world.unit_b, report=report, acting_user=world.leader
    )
    assert instruction.subject_label == str(report)


def test_only_leaders_write_instructions_on_exactly_one_subject(world: World) -> None:
    with pytest.raises(ValidationError, match="只有领导可以作出批示"):
        actions.do_write_instruction(
            text="甲", unit=world.unit_a, task=world.task_a, acting_user=world.office
        )
    with pytest.raises(ValidationError, match="须针对一项任务"):
        actions.do_write_instruction(text="甲", unit=world.unit_a, acting_user=world.leader)
    assert Instruction.objects.count() == 0
