"""Org pages: unit registry, people, audit log, API tokens. Thin: forms in, actions out."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luoshi.org import actions
from luoshi.org.forms import (
    AliasForm,
    AuditFilterForm,
    BulkImportForm,
    InviteForm,
    MergeForm,
    SuccessionForm,
    TokenForm,
    UnitFilterForm,
    UnitForm,
    UserFilterForm,
    UserForm,
)
from luoshi.org.models import ApiToken, AuditEvent, Unit, UnitAlias, User
from luoshi.org.permissions import check_office, check_signed_in
from luoshi.org.queries import (
    access_unit,
    access_user,
    history_for,
    list_audit_events,
    list_units,
    list_users,
)
from luoshi.org.workbooks import build_user_import_template

PAGE_SIZE = 50
# The plans app fills the unit page's task panel by providing this template.
UNIT_TASKS_TEMPLATE = "plans/_unit_tasks.html"


def _signed_in(request: HttpRequest) -> User:
    return check_signed_in(request.user)


def _page(request: HttpRequest, items: QuerySet[Any]) -> Page[Any]:
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


def _add_errors(form: forms.Form, error: ValidationError) -> None:
    """Attach an action's ValidationError to the form fields it names."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


# Units ------------------------------------------------------------------------------------


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    user = _signed_in(request)
    form = UnitFilterForm(request.GET or None)
    units = list_units(user).prefetch_related(
        "aliases",
        Prefetch("members", queryset=Unit.objects.order_by("name")),
    )
    if form.is_valid():
        q = form.cleaned_data["q"].strip()
        if q:
            matching = UnitAlias.objects.filter(alias__icontains=q).values("unit_id")
            units = units.filter(
                Q(name__icontains=q) | Q(full_name__icontains=q) | Q(pk__in=matching)
            )
        if form.cleaned_data["kind"]:
            units = units.filter(kind=form.cleaned_data["kind"])
        if form.cleaned_data["region"]:
            units = units.filter(region=form.cleaned_data["region"])
        if form.cleaned_data["is_active"]:
            units = units.filter(is_active=form.cleaned_data["is_active"] == "1")
    context = {"form": form, "page": _page(request, units), "is_filtered": bool(request.GET)}
    template = "org/_unit_rows.html" if getattr(request, "htmx", False) else "org/unit_list.html"
    return render(request, template, context)


@login_required
def unit_create(request: HttpRequest) -> HttpResponse:
    user = check_office(request.user)
    form = UnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            unit = actions.do_create_unit(**form.cleaned_data, acting_user=user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("已添加单位“%(unit)s”。") % {"unit": unit})
            return redirect("org:unit_detail", pk=unit.pk)
    return render(request, "org/unit_form.html", {"form": form}, status=400 if form.errors else 200)


def _unit_tasks_template() -> str | None:
    try:
        get_template(UNIT_TASKS_TEMPLATE)
    except TemplateDoesNotExist:
        return None
    return UNIT_TASKS_TEMPLATE


def _unit_page(
    request: HttpRequest, unit: Unit, *, status: int = 200, **bound: forms.Form
) -> HttpResponse:
    user = _signed_in(request)
    context: dict[str, Any] = {
        "unit": unit,
        "aliases": unit.aliases.all(),
        "members": unit.members.order_by("name"),
        "collectives": unit.collectives.order_by("name"),
        "predecessors": unit.predecessors.order_by("name"),
        "history": history_for(unit)[:50],
        "unit_tasks_template": _unit_tasks_template(),
        "is_office": user.is_office,
    }
    if user.is_office:
        context |= {
            "users": unit.users.order_by("username"),
            "edit_form": bound.get("edit_form")
            or UnitForm(
                initial={
                    "name": unit.name,
                    "full_name": unit.full_name,
                    "kind": unit.kind,
                    "region": unit.region_id,
                }
            ),
            "alias_form": bound.get("alias_form") or AliasForm(),
            "succession_form": bound.get("succession_form")
            or SuccessionForm(
                unit=unit,
                initial={"successor": unit.successor_id, "succeeded_on": unit.succeeded_on},
            ),
            "merge_form": bound.get("merge_form") or MergeForm(unit=unit),
        }
    return render(request, "org/unit_detail.html", context, status=status)


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _unit_page(request, access_unit(_signed_in(request), pk))


@login_required
@require_POST
def unit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = check_office(request.user)
    unit = access_unit(user, pk)
    form = UnitForm(request.POST)
    if form.is_valid():
        try:
            actions.do_update_unit(unit, **form.cleaned_data, acting_user=user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("已保存单位信息。"))
            return redirect("org:unit_detail", pk=unit.pk)
    return _unit_page(request, unit, status=400, edit_form=form)


@login_required
@require_POST
def unit_alias_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = check_office(request.user)
    unit = access_unit(user, pk)
    form = AliasForm(request.POST)
    if form.is_valid():
        try:
            alias = actions.do_add_unit_alias(unit, **form.cleaned_data, acting_user=user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("已添加别名“%(alias)s”。") % {"alias": alias})
            return redirect("org:unit_detail", pk=unit.pk)
    return _unit_page(request, unit, status=400, alias_form=form)


@login_required
@require_POST
def unit_alias_remove(request: HttpRequest, pk: int, alias_id: int) -> HttpResponse:
    user = check_office(request.user)
    unit = access_unit(user, pk)
    alias = get_object_or_404(UnitAlias, pk=alias_id, unit=unit)
    actions.do_remove_unit_alias(alias, acting_user=user)
    messages.success(request, _("已删除别名“%(alias)s”。") % {"alias": alias.alias})
    return redirect("org:unit_detail", pk=unit.pk)


@login_required
@require_POST
def unit_succession(request: HttpRequest, pk: int) -> HttpResponse:
    user = check_office(request.user)
    unit = access_unit(user, pk)
    form = SuccessionForm(request.POST, unit=unit)
    if form.is_valid():
        try:
            actions.do_record_succession(
                predecessor=unit,
                successor=form.cleaned_data["successor"],
                succeeded_on=form.cleaned_data["succeeded_on"],
                acting_user=user,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("已记录：“%(old)s”由“%(new)s”继任。")
                % {"old": unit, "new": form.cleaned_data["successor"]},
            )
            return redirect("org:unit_detail", pk=unit.pk)
    return _unit_page(request, unit, status=400, succession_form=form)


@login_required
@require_POST
def unit_merge(request: HttpRequest, pk: int) -> HttpResponse:
    user = check_office(request.user)
    unit = access_unit(user, pk)
    form = MergeForm(request.POST, unit=unit)
    if form.is_valid():
        duplicate = form.cleaned_data["duplicate"]
        name = duplicate.name
        try:
            actions.do_merge_units(keep=unit, duplicate=duplicate, acting_user=user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("已将“%(dup)s”并入“%(unit)s”。") % {"dup": name, "unit": unit}
            )
            return redirect("org:unit_detail", pk=unit.pk)
    return _unit_page(request, unit, status=400, merge_form=form)


# People -----------------------------------------------------------------------------------


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    user = check_office(request.user)
    form = UserFilterForm(request.GET or None)
    users = list_users(user).order_by("username")
    if form.is_valid():
        q = form.cleaned_data["q"].strip()
        if q:
            users = users.filter(
                Q(username__icontains=q) | Q(display_name__icontains=q) | Q(unit__name__icontains=q)
            )
        if form.cleaned_data["role"]:
            users = users.filter(role=form.cleaned_data["role"])
        if form.cleaned_data["is_active"]:
            users = users.filter(is_active=form.cleaned_data["is_active"] == "1")
    return render(
        request,
        "org/user_list.html",
        {"form": form, "page": _page(request, users), "is_filtered": bool(request.GET)},
    )


@login_required
def user_create(request: HttpRequest) -> HttpResponse:
    acting = check_office(request.user)
    form = UserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = actions.do_create_user(
                username=data["username"],
                password=data["password"] or None,
                role=data["role"],
                unit=data["unit"],
                display_name=data["display_name"],
                email=data["email"],
                phone=data["phone"],
                acting_user=acting,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if data["password"]:
                messages.success(request, _("已创建账号“%(u)s”。") % {"u": created.username})
            else:
                messages.success(
                    request,
                    _("已创建账号“%(u)s”，并向 %(e)s 发送了设置密码的邀请。")
                    % {"u": created.username, "e": created.email},
                )
            return redirect("org:user_list")
    return render(request, "org/user_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def user_invite(request: HttpRequest) -> HttpResponse:
    acting = check_office(request.user)
    form = InviteForm(request.POST or None, initial={"unit": request.GET.get("unit")})
    if request.method == "POST" and form.is_valid():
        try:
            invited = actions.do_invite_users_for_unit(
                unit=form.cleaned_data["unit"],
                emails=form.email_list(),
                role=form.cleaned_data["role"],
                acting_user=acting,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("已向 %(n)s 个邮箱发送邀请。") % {"n": len(invited)})
            return redirect("org:user_list")
    return render(
        request, "org/user_invite.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
def user_bulk_import(request: HttpRequest) -> HttpResponse:
    acting = check_office(request.user)
    form = BulkImportForm(request.POST or None, request.FILES or None)
    result: actions.BulkResult | None = None
    if request.method == "POST" and form.is_valid():
        result = actions.do_bulk_create_users(
            workbook_bytes=form.cleaned_data["workbook"].read(), acting_user=acting
        )
        if result.is_ok:
            messages.success(request, _("已导入 %(n)s 个账号。") % {"n": len(result.created)})
            return redirect("org:user_list")
    status = 400 if form.errors or (result and result.errors) else 200
    return render(
        request, "org/user_bulk_import.html", {"form": form, "result": result}, status=status
    )


@login_required
def user_bulk_template(request: HttpRequest) -> HttpResponse:
    check_office(request.user)
    response = HttpResponse(
        build_user_import_template(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="user-import-template.xlsx"'
    return response


@login_required
@require_POST
def user_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    acting = check_office(request.user)
    target = access_user(acting, pk)
    try:
        actions.do_deactivate_user(target, acting_user=acting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("已停用账号“%(u)s”。") % {"u": target.username})
    return redirect("org:user_list")


class InviteAcceptView(auth_views.PasswordResetConfirmView):
    template_name = "org/invite_accept.html"
    success_url = reverse_lazy("login")
    post_reset_login = False

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("密码已设置，请登录。"))
        return response


# Audit log --------------------------------------------------------------------------------


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    user = _signed_in(request)
    if not user.reads_everything:
        raise Http404
    object_types = list(
        AuditEvent.objects.order_by("object_type").values_list("object_type", flat=True).distinct()
    )
    form = AuditFilterForm(request.GET, object_types=object_types)
    events = list_audit_events(user).none()
    if form.is_valid():
        data = form.cleaned_data
        actor_id: int | None = None
        if data["actor"]:
            actor = User.objects.filter(username=data["actor"].strip()).first()
            # An unknown username matches nobody rather than everybody.
            actor_id = actor.pk if actor else 0
        events = list_audit_events(
            user,
            object_type=data["object_type"] or None,
            actor_id=actor_id,
            action=data["action"].strip() or None,
            since=data["since"],
            until=data["until"],
        )
    return render(
        request,
        "org/audit_list.html",
        {"form": form, "page": _page(request, events), "is_filtered": bool(request.GET)},
        status=400 if form.errors else 200,
    )


# API tokens -------------------------------------------------------------------------------


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    user = _signed_in(request)
    form = TokenForm(request.POST or None)
    secret = ""
    created: ApiToken | None = None
    if request.method == "POST" and form.is_valid():
        try:
            created, secret = actions.do_create_api_token(
                user=user, name=form.cleaned_data["name"], acting_user=user
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            form = TokenForm()
    tokens = ApiToken.objects.filter(user=user)
    return render(
        request,
        "org/token_list.html",
        {"form": form, "tokens": tokens, "secret": secret, "created": created},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user = _signed_in(request)
    token = get_object_or_404(ApiToken, pk=pk, user=user)
    actions.do_revoke_api_token(token, acting_user=user)
    messages.success(request, _("已撤销令牌“%(name)s”。") % {"name": token.name})
    return redirect("org:token_list")
