"""Back-office pages: the duties of a year (office, leader, supervisors), press conferences, signed articles
and open days with their sign-ups. Views validate a form, call one service, then redirect; buttons come
from each workflow's available_actions(); objects of organisations the user may not see answer 404."""
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core import audit, clock
from gongkai.core.errors import DomainError
from gongkai.core.privacy import mask_value
from gongkai.core.validators import mask_middle, mask_person_name
from gongkai.organisations.models import Organisation
from gongkai.organisations.permissions import Action, can

from . import forms, selectors, services
from .duties import STATE_LABELS
from .workflow import ARTICLE_WORKFLOW, CONFERENCE_WORKFLOW, OPEN_DAY_WORKFLOW


def _year(request) -> int:
    try:
        year = int(request.GET.get("year") or clock.today().year)
    except ValueError:
        year = clock.today().year
    return year if 2000 <= year <= 2100 else clock.today().year


@login_required
def index(request):
    orgs = selectors.visible_organisations(request.user)
    if not orgs.exists():
        raise PermissionDenied
    year, today = _year(request), clock.today()
    return render(request, "outreach/office/index.html", {
        "year": year, "rows": selectors.overview(request.user, year, today),
        "conferences": selectors.PressConference.objects.filter(organisation__in=orgs)
        .select_related("organisation")[:50],
        "articles": selectors.SignedArticle.objects.filter(organisation__in=orgs).select_related("organisation")[:30],
        "open_days": selectors.OpenDay.objects.filter(organisation__in=orgs).select_related("organisation")[:30],
        "editable": [o for o in orgs if can(request.user, Action.OUTREACH_EDIT, o)],
    })


@login_required
def duties(request, org_code):
    org = get_object_or_404(Organisation, code=org_code)
    if not can(request.user, Action.OUTREACH_VIEW, org):
        raise PermissionDenied
    year, today = _year(request), clock.today()
    data = selectors.year_duties(org, year)
    rows = [{"duty": x, "state": x.state(today), "state_label": x.state_label(today)}
            for x in data["quarters"] + data["yearly"]]
    return render(request, "outreach/office/duties.html", {
        "org": org, "year": year, "rows": rows, "labels": STATE_LABELS, "today": today,
        "editable": can(request.user, Action.OUTREACH_EDIT, org)})


def _new(request, org_code, form_class, create, title):
    org = get_object_or_404(Organisation, code=org_code)
    if not can(request.user, Action.OUTREACH_EDIT, org):
        raise PermissionDenied
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            obj = create(org, form.cleaned_data)
        except DomainError as exc:
            for message in (exc.message, *exc.problems):
                form.add_error(None, message)
        else:
            return redirect(obj)
    return render(request, "outreach/office/form.html", {"form": form, "org": org, "title": title})


@login_required
def conference_new(request, org_code):
    return _new(request, org_code, forms.ConferenceForm, lambda org, d: services.conference_create(
        organisation=org, actor=request.user, data=d), _("登记新闻发布会"))


@login_required
def article_new(request, org_code):
    return _new(request, org_code, forms.ArticleForm, lambda org, d: services.article_create(
        organisation=org, actor=request.user, **d), _("登记主要负责人署名文章"))


@login_required
def open_day_new(request, org_code):
    return _new(request, org_code, forms.OpenDayForm, lambda org, d: services.open_day_create(
        organisation=org, actor=request.user, data=d), _("登记政府开放日"))


def _edit(request, obj, workflow, form_class, fields, update, title):
    """The edit page of a conference or an open day (the "edit" transition, offered while it is allowed)."""
    if not workflow.may("edit", obj, request.user):
        raise PermissionDenied
    initial = {f: getattr(obj, f) for f in fields}
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            update(form.cleaned_data)
        except DomainError as exc:
            for message in (exc.message, *exc.problems):
                form.add_error(None, message)
        else:
            flash.success(request, _("已保存修改。"))
            return redirect(obj)
    return render(request, "outreach/office/form.html", {"form": form, "org": obj.organisation, "title": title})


@login_required
def conference_edit(request, pk):
    c = selectors.conference_for_staff(request.user, pk)
    return _edit(request, c, CONFERENCE_WORKFLOW, forms.ConferenceForm, forms.ConferenceForm.base_fields,
                 lambda d: services.conference_update(conference=c, actor=request.user, data=d), _("修改新闻发布会"))


@login_required
def open_day_edit(request, pk):
    day = selectors.open_day_for_staff(request.user, pk)
    return _edit(request, day, OPEN_DAY_WORKFLOW, forms.OpenDayForm, forms.OpenDayForm.base_fields,
                 lambda d: services.open_day_update(open_day=day, actor=request.user, data=d), _("修改政府开放日"))


def _run(request, form, call, success) -> None:
    if form is not None and not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for e in errors:
                flash.error(request, f"{label}：{e}" if label else e)
        return
    try:
        call(form.cleaned_data if form is not None else {})
    except DomainError as exc:
        for message in (exc.message, *exc.problems):
            flash.error(request, message)
    else:
        flash.success(request, success)


def _detail(request, template, obj, workflow, **extra):
    return render(request, template, {
        "obj": obj, "actions": workflow.available_actions(obj, request.user),
        "names": workflow.available_names(obj, request.user), "history": audit.readable_history(obj),
        "reason_form": forms.ReasonForm(), **extra})


@login_required
def conference_detail(request, pk):
    c = selectors.conference_for_staff(request.user, pk)
    return _detail(request, "outreach/office/conference.html", c, CONFERENCE_WORKFLOW,
                   held_form=forms.HeldConferenceForm(initial={"speakers": c.speakers, "head_attended": c.head_attends,
                                                               "head_post": c.head_post, "live_url": c.live_url}),
                   transcript_form=forms.TranscriptForm())


@login_required
@require_POST
def conference_action(request, pk, action):
    c, u, post = selectors.conference_for_staff(request.user, pk), request.user, request.POST
    table = {
        "announce": (None, lambda d: services.conference_announce(conference=c, actor=u), _("已发布发布会预告。")),
        "record_held": (forms.HeldConferenceForm(post), lambda d: services.conference_record_held(
            conference=c, actor=u, **d), _("已记录召开情况。")),
        "publish_record": (forms.TranscriptForm(post), lambda d: services.conference_publish_record(
            conference=c, actor=u, **d), _("已公开实录。")),
        "cancel": (forms.ReasonForm(post), lambda d: services.conference_cancel(conference=c, actor=u, **d),
                   _("已取消发布会。")),
    }
    if action not in table:
        raise Http404
    _run(request, *table[action])
    return redirect("outreach_office:conference", pk=c.pk)


@login_required
def article_detail(request, pk):
    a = selectors.article_for_staff(request.user, pk)
    return _detail(request, "outreach/office/article.html", a, ARTICLE_WORKFLOW,
                   publish_form=forms.ArticlePublishForm())


@login_required
@require_POST
def article_action(request, pk, action):
    a, u, post = selectors.article_for_staff(request.user, pk), request.user, request.POST
    table = {
        "publish": (forms.ArticlePublishForm(post), lambda d: services.article_publish(article=a, actor=u, **d),
                    _("已登记发表情况。")),
        "cancel": (forms.ReasonForm(post), lambda d: services.article_cancel(article=a, actor=u, **d), _("已撤销。")),
    }
    if action not in table:
        raise Http404
    _run(request, *table[action])
    return redirect("outreach_office:article", pk=a.pk)


def _masked_signups(day):
    return [{"number": s.number, "name": mask_person_name(s.name), "phone": mask_middle(s.phone),
             "id_number": mask_value("id_number", s.id_number) if s.id_number else "", "created_at": s.created_at}
            for s in day.signups.all()]


@login_required
def open_day_detail(request, pk):
    day = selectors.open_day_for_staff(request.user, pk)
    personal = can(request.user, Action.OUTREACH_VIEW_PERSONAL, day.organisation)
    return _detail(request, "outreach/office/open_day.html", day, OPEN_DAY_WORKFLOW,
                   held_form=forms.OpenDayHeldForm(), taken=selectors.signups_taken(day),
                   signups=_masked_signups(day) if personal else None)


@login_required
@require_POST
def open_day_action(request, pk, action):
    day, u, post = selectors.open_day_for_staff(request.user, pk), request.user, request.POST
    table = {
        "open": (None, lambda d: services.open_day_open(open_day=day, actor=u), _("已发布开放日，开始接受报名。")),
        "record_held": (forms.OpenDayHeldForm(post), lambda d: services.open_day_record_held(
            open_day=day, actor=u, **d), _("已记录举办情况。")),
        "publish_record": (None, lambda d: services.open_day_publish_record(open_day=day, actor=u),
                           _("已公开活动情况。")),
        "cancel": (forms.ReasonForm(post), lambda d: services.open_day_cancel(open_day=day, actor=u, **d),
                   _("已取消开放日。")),
    }
    if action not in table:
        raise Http404
    _run(request, *table[action])
    return redirect("outreach_office:open_day", pk=day.pk)
