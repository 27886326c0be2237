"""Blanket rules: 以下均需地方各级人民政府落实，不再列出 — a party for every later task.

A document may name, once, a party that every following task also carries, so that the
lists need not repeat it. The rule is part of the assignment: the party is added to the
units of each task that starts after the rule (never as lead), kept as written, and listed
among the generic units when it is a collective. A warning still asks a person to confirm.
"""

import re
from dataclasses import dataclass, replace

from luoshi.parsing.labels import is_generic
from luoshi.parsing.model import Task

_BLANKET = re.compile(r"不再(?:一一|逐一|单独)?列出")
_PARTIES = re.compile(r"均(?:需|要|须|由|应)?([^。;,\n]{2,40}?)(?:负责|贯彻|抓好|推进)?落实")
_SPLIT = re.compile(r"[、，,]|和(?=各|地方|有关)")


@dataclass(frozen=True)
class BlanketRule:
    at: int
    parties: tuple[str, ...]
    sentence: str


def find_blanket_rules(text: str, key: str, start: int) -> list[BlanketRule]:
    """Return the blanket rules stated in the body, with the parties they name."""
    rules: list[BlanketRule] = []
    for match in _BLANKET.finditer(key, start):
        begin = max(key.rfind("。", 0, match.start()), key.rfind("\n", 0, match.start())) + 1
        sentence = text[begin : match.end()].strip(" ，,；;\n\u3000")
        found = _PARTIES.search(key, begin, match.end())
        parties: tuple[str, ...] = ()
        if found:
            names = _SPLIT.split(text[found.start(1) : found.end(1)])
            parties = tuple(n.strip() for n in names if n.strip())
        rules.append(BlanketRule(at=match.end(), parties=parties, sentence=sentence))
    return rules


def apply_blanket_rules(tasks: list[Task], rules: list[BlanketRule]) -> list[Task]:
    """Return the tasks with each rule's parties added to every task after the rule."""
    if not any(rule.parties for rule in rules):
        return tasks
    out: list[Task] = []
    for task in tasks:
        start = task.span.start if task.span is not None else -1
        added = [
            party
            for rule in rules
            if rule.parties and start >= rule.at
            for party in rule.parties
            if party not in task.units
        ]
        if not added:
            out.append(task)
            continue
        added = list(dict.fromkeys(added))
        out.append(
            replace(
                task,
                units=(*task.units, *added),
                generic_units=(*task.generic_units, *(p for p in added if is_generic(p))),
            )
        )
    return out


def blanket_warnings(rules: list[BlanketRule]) -> list[str]:
    """Return one warning per rule, saying what was added or that nothing could be read."""
    warnings: list[str] = []
    for rule in rules:
        if rule.parties:
            who = "、".join(rule.parties)
            warnings.append(
                f"文件说明以下任务均需{who}落实而未逐项列出，已将其加入后续各任务的责任单位，"
                f"请确认：“{rule.sentence}” / the document assigns every following task to "
                f"{who} without listing it again; it was added to those tasks — please confirm"
            )
        else:
            warnings.append(
                f"文件有“不再列出”的统一要求，但未能识别责任主体，请确认：“{rule.sentence}” / "
                "a blanket assignment was found but its party could not be read — please confirm"
            )
    return warnings
