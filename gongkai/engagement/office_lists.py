"""The office list of messages with filters, and its .xlsx / CSV export with the same filters
(issue 21 item 19; the spreadsheet rules — formula-safe cells, BOM, file names — are gongkai.core.exports').

Personal data (name, phone) is exported in full only for organisations whose personal data the user may
see (Action.ENGAGEMENT_VIEW_PERSONAL), masked otherwise, exactly as on the message page."""
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from gongkai.core import clock, exports
from gongkai.organisations.permissions import Action, organisations_where

from . import forms, selectors
from .privacy import mask_name, mask_phone

PAGE_SIZE = 50


def _header():
    return [_("留言编号"), _("受理机关"), _("留言类型"), _("领导信箱"), _("标题"), _("姓名"), _("联系电话"),
            _("收到日期"), _("答复期限"), _("是否逾期"), _("状态"), _("承办股室"), _("答复日期")]


def _rows(messages, personal_org_ids: set[int]):
    today = clock.today()
    for m in messages.iterator(chunk_size=500):
        personal = m.organisation_id in personal_org_ids
        late = (m.answered_on or today) > m.due_date
        yield [m.number, m.organisation.name, m.get_kind_display(), m.to_leader, m.subject,
               m.name if personal else mask_name(m.name), m.phone if personal else mask_phone(m.phone),
               m.received_on, m.due_date, late, m.get_status_display(), m.unit.name if m.unit_id else "",
               m.answered_on]


@login_required
def messages_list(request):
    organisations = selectors.staff_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied
    form = forms.MessageFilterForm(request.GET or None, organisations=organisations)
    messages_qs = selectors.office_messages(request.user, **form.filters())
    fmt = request.GET.get("export", "")
    if fmt:
        personal = set(organisations_where(request.user, Action.ENGAGEMENT_VIEW_PERSONAL).values_list("pk", flat=True))
        response = exports.export_response(fmt, _("公众留言"), _header(), _rows(messages_qs, personal),
                                           title=_("公众留言"))
        if response is not None:
            return response
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("export", None)
    return render(request, "engagement/office/messages.html", {
        "form": form, "page": Paginator(messages_qs, PAGE_SIZE).get_page(request.GET.get("page")),
        "query": query.urlencode(), "today": clock.today(),
    })
