"""Whole pages cached per person under the data revision: never stale, never shared."""

import pytest
from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import Client, RequestFactory
from django.urls import reverse

from luoshi.org.models import User
from luoshi.plans.models import Program, Task
from luoshi.plans.tests.world import World, client_for, world
from luoshi.web.caching import CACHE_HEADER
from luoshi.web.views import my_tasks

__all__ = ["world"]


def _get(client: Client, url: str) -> tuple[str, str]:
    response = client.get(url)
    assert response.status_code == 200
    return response.get(CACHE_HEADER, ""), response.content.decode()


def _warm(client: Client, url: str) -> str:
    # The first answer sets the CSRF cookie the page's token belongs to, so it is not kept.
    _get(client, url)
    state, html = _get(client, url)
    assert state == "miss"
    return html


def test_a_second_read_is_served_from_the_cache(world: World) -> None:
    client = client_for(world.reporter_a)
    url = reverse("web:my_tasks")
    html = _warm(client, url)
    assert _get(client, url) == ("hit", html)


def test_any_data_write_makes_the_next_read_fresh(world: World) -> None:
    client = client_for(world.reporter_a)
    url = reverse("web:my_tasks")
    _warm(client, url)
    Task.objects.filter(pk=world.task_a.pk).update(title="改过的丙工作")
    state, html = _get(client, url)
    assert state == "miss"
    assert "改过的丙工作" in html
    assert _get(client, url) == ("hit", html)


def test_one_persons_page_is_never_served_to_another(world: World) -> None:
    url = reverse("web:my_tasks")
    html_a = _warm(client_for(world.reporter_a), url)
    other = client_for(world.reporter_b)
    _get(other, url)
    state, html_b = _get(other, url)
    assert state == "miss"
    assert "推进丙工作" in html_a
    assert "推进丙工作" not in html_b


def test_each_language_has_its_own_entry(world: World) -> None:
    client = client_for(world.office)
    url = reverse("web:dashboard", args=[world.program.pk])
    chinese = _warm(client, url)
    client.cookies["django_language"] = "en"
    state, english = _get(client, url)
    assert state == "miss"
    assert 'lang="en"' in english
    assert 'lang="zh-hans"' in chinese


def test_dashboard_hits_until_a_write(world: World) -> None:
    client = client_for(world.office)
    url = reverse("web:dashboard", args=[world.program.pk])
    html = _warm(client, url)
    assert _get(client, url) == ("hit", html)
    Task.objects.filter(pk=world.task_b.pk).update(title="完善乙机制（已调整）")
    assert _get(client, url)[0] == "miss"


@pytest.mark.django_db
def test_a_request_with_a_message_to_show_is_never_cached(world: World) -> None:
    request = RequestFactory().get(reverse("web:my_tasks"))
    request.user = world.reporter_a
    request.session = client_for(world.reporter_a).session
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    request.COOKIES["csrftoken"] = "x" * 32
    messages.success(request, "已保存")
    response = my_tasks(request)
    assert response.status_code == 200
    assert CACHE_HEADER not in response


def test_a_deactivated_person_is_signed_out_at_once(world: World) -> None:
    client = client_for(world.reporter_a)
    url = reverse("web:my_tasks")
    _warm(client, url)
    assert _get(client, url)[0] == "hit"
    User.objects.filter(pk=world.reporter_a.pk).update(is_active=False)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_dashboard_api_answer_is_cached_and_follows_writes(world: World) -> None:
    client = client_for(world.office)
    url = f"/api/v1/dashboard?program={world.program.pk}&period=2020Q1"
    first = client.get(url)
    assert first.status_code == 200
    assert client.get(url).content == first.content
    Program.objects.filter(pk=world.program.pk).update(name="改名后的落实工作")
    assert client.get(url).json()["program_name"] == "改名后的落实工作"
    assert first.json()["program_name"] != "改名后的落实工作"
