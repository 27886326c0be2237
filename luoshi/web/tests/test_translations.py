"""The English catalogue is complete and compiled, and the main pages speak English when chosen.

Chinese is the source language (the msgids); English comes from luoshi/locale/en. See
docs/i18n.md for the workflow (`make messages`).
"""

import gettext
import importlib.util
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from django.conf import settings
from django.db import models
from django.test import Client
from django.urls import reverse

from luoshi.org.models import Unit
from luoshi.org.models import User as OrgUser
from luoshi.plans.models import Program, Responsibility, Section, Target, Task
from luoshi.plans.tests.world import World, client_for, world

ROOT = Path(settings.BASE_DIR)
EN_PO = ROOT / "luoshi" / "locale" / "en" / "LC_MESSAGES" / "django.po"
EN_MO = EN_PO.with_suffix(".mo")

# Chinese words of the page chrome (navigation, headings, labels, buttons). None may be left on
# an English page once the data the page shows (names, task texts) is taken out.
CHROME_ZH = [
    "登录",
    "用户名",
    "密码",
    "首页",
    "落实工作",
    "我的任务",
    "单位",
    "用户",
    "审计日志",
    "退出",
    "任务",
    "督查办",
    "牵头",
    "配合",
    "完成时限",
    "责任分工",
    "量化目标",
]
# What an English page may still show in Chinese: the language's own name in the switcher and
# the 落 seal of the logo.
ALLOWED_ZH = {"简体中文", "落"}
_CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]+")

__all__ = ["world"]  # the fixture, imported so pytest finds it here


def _checker() -> ModuleType:
    name = "check_translations"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up while building
        spec.loader.exec_module(module)
    return sys.modules[name]


def _english(user: OrgUser | None) -> Client:
    client = client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def _data_strings() -> Iterator[str]:
    """Every text value stored for the test world: program, sections, tasks, units, targets."""
    for model in (Program, Section, Task, Responsibility, Target, Unit):
        fields = [
            f.name
            for f in model._meta.get_fields()
            if isinstance(f, models.CharField | models.TextField)
        ]
        for row in model.objects.values_list(*fields):
            yield from (value for value in row if value)


def _chrome(html: str) -> str:
    """The page's text without the world's own data: what is left is the UI."""
    text = _text(html)
    for value in sorted(set(_data_strings()), key=len, reverse=True):
        text = text.replace(value, " ")
    return text


def _assert_english(html: str, expected: list[str]) -> None:
    assert '<html lang="en">' in html
    for phrase in expected:
        assert phrase in html, phrase
    chrome = _chrome(html)
    assert not [word for word in CHROME_ZH if word in chrome]
    left = set(_CJK.findall(chrome)) - ALLOWED_ZH
    assert not left, f"untranslated on the English page: {sorted(left)}"


# The catalogue -------------------------------------------------------------------------------


def test_english_catalogue_has_nothing_untranslated_or_fuzzy() -> None:
    checker = _checker()
    assert checker.check_po(EN_PO) == []
    assert checker.count_messages(EN_PO) > 500


def test_compiled_catalogue_matches_the_po() -> None:
    """The committed .mo carries every translation of the .po (run `make messages` after edits)."""
    with EN_MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in _checker().parse_po(EN_PO):
        if entry.is_header or entry.obsolete:
            continue
        if entry.msgid_plural is None:
            got = [compiled.gettext(entry.msgid)]
        else:
            got = [compiled.ngettext(entry.msgid, entry.msgid_plural, n) for n in (1, 2)]
        if got != [entry.msgstr[i] for i in range(len(got))]:
            stale.append(entry.msgid)
    assert not stale, f"django.mo is out of date for {stale[:5]}"


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ('#, fuzzy\nmsgid "任务"\nmsgstr "Tasks"\n', "fuzzy"),
        ('msgid "任务"\nmsgstr ""\n', "untranslated"),
        ('#, python-format\nmsgid "第 %(n)s 页"\nmsgstr "Page %(m)s"\n', "placeholders differ"),
        (
            '#, python-format\nmsgid "%(n)s 项"\nmsgid_plural "%(n)s 项"\n'
            'msgstr[0] "%(n)s task"\nmsgstr[1] ""\n',
            "untranslated (plural form 1)",
        ),
    ],
)
def test_checker_reports_problems(tmp_path: Path, body: str, problem: str) -> None:
    po = tmp_path / "django.po"
    header = 'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
    po.write_text(header + body, encoding="utf-8")
    problems = _checker().check_po(po)
    assert len(problems) == 1
    assert problem in problems[0]
    assert f"{po}:" in problems[0]  # says where


def test_checker_accepts_a_good_catalogue(tmp_path: Path) -> None:
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        '#, python-format\nmsgid "第 %(n)s / %(total)s 页"\nmsgstr "Page %(n)s of %(total)s"\n\n'
        '#, python-format\nmsgid "%(n)s 项"\nmsgid_plural "%(n)s 项"\n'
        'msgstr[0] "%(n)s task"\nmsgstr[1] "%(n)s tasks"\n\n'
        'msgid "多行"\n"文字"\nmsgstr ""\n"Several "\n"lines"\n',
        encoding="utf-8",
    )
    assert _checker().check_po(po) == []


# Pages in English ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_login_page_in_english() -> None:
    html = _english(None).get(reverse("login")).content.decode()
    _assert_english(
        html,
        [
            "<h1>Sign in</h1>",
            "Policy implementation supervision platform",
            "Username",
            "Password",
            "Forgot your password? Contact your unit’s administrator or the Supervision Office.",
            "Luoshi · Supervision",
        ],
    )


def test_program_list_in_english(world: World) -> None:
    html = _english(world.office).get(reverse("plans:program_list")).content.decode()
    _assert_english(
        html,
        [
            "<h1>Programs</h1>",
            "Import policy document",
            "<dt>Tasks</dt>",
            "<dt>Responsible units</dt>",
            ">Home</a>",
            ">Units</a>",
            ">Audit log</a>",
            ">API tokens</a>",
            "Sign out",
            "Luoshi — policy implementation supervision platform",
        ],
    )
    assert world.program.name in html  # data stays as entered


def test_task_page_in_english(world: World) -> None:
    url = reverse("plans:task_detail", args=[world.task_ab.pk])
    html = _english(world.reporter_a).get(url).content.decode()
    _assert_english(
        html,
        [
            "<h2>Task content</h2>",
            "<h2>Responsibilities</h2>",
            "<dt>Deadline</dt>",
            "<h2>Targets</h2>",
            "Stated in the text",
            "Listed in the text",
            ">Lead<",
            ">Co-responsible<",
            "As written in the original text.",
        ],
    )


def test_my_tasks_in_english(world: World) -> None:
    html = _english(world.reporter_a).get(reverse("web:my_tasks")).content.decode()
    _assert_english(html, ["<h1>My tasks</h1>", "Our unit as lead", "<dt>Lead</dt>"])


# Chinese stays the default --------------------------------------------------------------------


def test_chinese_is_the_default(world: World) -> None:
    login = Client().get(reverse("login")).content.decode()
    assert "<h1>登录</h1>" in login
    assert "Sign in" not in login
    programs = client_for(world.office).get(reverse("plans:program_list")).content.decode()
    assert "<h1>落实工作</h1>" in programs
    assert "Programs" not in programs
    task = client_for(world.reporter_a).get(reverse("plans:task_detail", args=[world.task_ab.pk]))
    assert "<h2>任务内容</h2>" in task.content.decode()
    assert task["Content-Language"] == "zh-hans"


def test_switching_back_to_chinese(world: World) -> None:
    client = _english(world.office)
    assert "<h1>Programs</h1>" in client.get(reverse("plans:program_list")).content.decode()
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    assert "<h1>落实工作</h1>" in client.get(reverse("plans:program_list")).content.decode()
