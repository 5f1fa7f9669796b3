"""Office pages of the wording check (/office/wording/): rules, inherited rules, leaders' tenures,
bulk import and a page to try the check on a text.

Views parse input, call one service and render; the services make the one permission check and
their PermissionDenied is the 403 page. Another organisation's pages are not revealed (404).
"""
from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core.errors import DomainError
from gongkai.core.exports import xlsx_response
from gongkai.organisations.permissions import Action, can

from . import importing, rule_services, selectors, services
from .forms import CheckForm, RuleForm, TenureForm
from .models import Tenure, WordingRule
from .states import KIND_LABELS

PAGE_SIZE = 50


def _org(request, org_code):
    org = selectors.visible_organisations(request.user).filter(code=org_code).first()
    if org is None:
        raise Http404
    return org


def _can_edit(request, org) -> bool:
    return can(request.user, Action.WORDING_EDIT, org) and org.level in rule_services.EDITABLE_LEVELS


def _context(request, org, tab, **extra):
    return {"org": org, "tab": tab, "can_edit": _can_edit(request, org), "kind_labels": KIND_LABELS, **extra}


def _errors(form, exc: DomainError) -> None:
    for problem in exc.problems or [exc.message]:
        form.add_error(None, problem)


@login_required
def home(request):
    orgs = list(selectors.visible_organisations(request.user))
    if not orgs:
        raise PermissionDenied
    if len(orgs) == 1:
        return redirect("wording:rules", org_code=orgs[0].code)
    return render(request, "wording/home.html", {"orgs": orgs})


@login_required
def rules(request, org_code):
    org = _org(request, org_code)
    query = request.GET.get("q", "").strip()[:50]
    page = Paginator(selectors.own_rules(org, query), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "wording/rules.html", _context(request, org, "rules", page=page, query=query))


@login_required
def rule_edit(request, org_code, pk=None):
    org = _org(request, org_code)
    rule = get_object_or_404(WordingRule, pk=pk, organisation=org) if pk else None
    initial = {f: getattr(rule, f) for f in rule_services.RULE_FIELDS} if rule else None
    form = RuleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if rule is None:
                rule_services.add_rule(actor=request.user, organisation=org, data=form.cleaned_data)
            else:
                rule_services.update_rule(actor=request.user, rule=rule, data=form.cleaned_data)
        except DomainError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("表述规则已保存，本机构及下级机构的检查即刻生效。"))
            return redirect("wording:rules", org_code=org.code)
    from gongkai.core import audit

    return render(request, "wording/rule_form.html", _context(
        request, org, "rules", form=form, rule=rule, history=audit.readable_history(rule, limit=20) if rule else []))


@login_required
def inherited(request, org_code):
    org = _org(request, org_code)
    query = request.GET.get("q", "").strip()[:50]
    page = Paginator(selectors.inherited_rules(org, query), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "wording/inherited.html", _context(request, org, "inherited", page=page, query=query))


@login_required
@require_POST
def switch(request, org_code):
    org = _org(request, org_code)
    try:
        rule_services.switch_rule(actor=request.user, organisation=org, rule_key=request.POST.get("rule_key", ""),
                                  enabled=request.POST.get("enabled") == "1", reason=request.POST.get("reason", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已保存，本机构及下级机构的检查即刻生效。"))
    query = urlencode({"q": request.POST.get("q", "")[:50], "page": request.POST.get("page", "")[:6]})
    return redirect(f"{reverse('wording:inherited', args=[org.code])}?{query}")


@login_required
def leaders(request, org_code, pk=None):
    org = _org(request, org_code)
    tenure = get_object_or_404(Tenure.objects.select_related("leader"), pk=pk, leader__organisation=org) if pk else None
    initial = ({"name": tenure.leader.name, "post": tenure.post, "start": tenure.start, "end": tenure.end}
               if tenure else None)
    form = TenureForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if tenure is None:
                rule_services.add_tenure(actor=request.user, organisation=org, data=form.cleaned_data)
            else:
                rule_services.update_tenure(actor=request.user, tenure=tenure, data=form.cleaned_data)
        except DomainError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("任职记录已保存。"))
            return redirect("wording:leaders", org_code=org.code)
    return render(request, "wording/leaders.html", _context(
        request, org, "leaders", form=form, tenure=tenure, own=selectors.tenures(org),
        inherited_tenures=selectors.tenures(org, inherited=True)))


@login_required
def import_rules(request, org_code):
    org = _org(request, org_code)
    result = None
    problems: list[str] = []
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise DomainError(_("请选择要上传的文件。"))
            result = importing.import_rules(actor=request.user, organisation=org, name=upload.name,
                                            data=upload.read())
        except DomainError as exc:
            problems = [exc.message, *exc.problems]
    return render(request, "wording/import.html", _context(request, org, "import", result=result,
                                                           extra_errors=problems))


@login_required
def import_template(request):
    labels = [label for label, _field in importing.COLUMNS]
    example = [str(KIND_LABELS["forbidden"]), "（示例）应删除的用语", "规范用语", "较重", "省应急管理厅文件", "", "", ""]
    return xlsx_response("wording-rules-template.xlsx", labels, [example], title=_("表述规则导入模板"))


def _segments(text: str, findings) -> list[dict]:
    out, pos = [], 0
    for number, f in enumerate(findings, start=1):
        if f.start > pos:
            out.append({"text": text[pos:f.start]})
        out.append({"text": f.text, "finding": f, "number": number})
        pos = f.end
    out.append({"text": text[pos:]})
    return out


@login_required
def check(request, org_code):
    org = _org(request, org_code)
    form = CheckForm(request.POST or None)
    findings, segments = None, []
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        try:
            findings = services.check_text(text, organisation=org, on_date=form.cleaned_data["on_date"])
        except DomainError as exc:
            _errors(form, exc)
        else:
            segments = _segments(text, findings)
    return render(request, "wording/check.html", _context(request, org, "check", form=form, findings=findings,
                                                          segments=segments))
