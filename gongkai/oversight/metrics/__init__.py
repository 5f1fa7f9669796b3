"""The figures the oversight app computes from system data, per organisation and quarter.

Each metric computes the figure for many organisations at once (one grouped query, used by the
refresh that fills ``MetricValue``) and lists the rows behind the figure for one organisation
(the drill-down, always live). A figure whose source is not available in this installation is
``None`` — shown as “不可用”, never as zero. Figures of other apps come through ``sources`` as plain
counts and rows (``published``); oversight's own are in ``website`` and ``duties``.
"""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .. import sources
from .base import (EMPTY_COLUMNS_VETO, HOMEPAGE_IDLE_DAYS, MESSAGE_UNANSWERED_DAYS, NEVER, STALE_COLUMNS_VETO,
                   Metric, Period, Row)
from .duties import (_accountability_rows, accountabilities_done, progress_late, progress_rows, quarter_due,
                     tasks_overdue, tasks_overdue_rows)
from .outreach import (meeting_rows, meetings_held, meetings_live, open_day_due, open_day_missing, open_days_held,
                       outreach_rows, press_conference_done, press_head_due, press_head_missing,
                       press_quarters_due, press_quarters_missing, signed_article_due, signed_article_missing,
                       signed_articles)
from .published import (messages_due, messages_late, messages_late_rows, opinion_events_due, records_due,
                        requests_due)
from .published import decisions_due, decisions_on_time, decisions_rows
from .published import (consultations, consultations_rows, interpretations, interpretations_non_text,
                        interpretations_non_text_rows, interpretations_rows, messages_unanswered,
                        messages_unanswered_rows, opinion_events_late, opinion_events_late_rows, records_overdue,
                        records_overdue_rows, records_published, records_published_rows, requests_closed,
                        requests_closed_rows, requests_late, requests_late_rows)
from .newmedia import newmedia_active, newmedia_rows, newmedia_stale
from .website import (ColumnState, _column_rows, column_states, columns_empty, columns_stale, homepage_idle_days,
                      homepage_rows, inspection_rows, inspection_vetoes, reposts_late, reposts_late_rows,
                      reposts_total, reposts_total_rows)


def _engagement(compute, rows):
    def compute_or_none(scope, period):
        if not sources.engagement_available():
            from gongkai.organisations.models import Organisation

            ids = scope.get("ids") or Organisation.objects.values_list("pk", flat=True)
            return {o: None for o in ids}
        return compute(scope, period)

    def rows_or_note(org, period):
        if not sources.engagement_available():
            return [Row(str(_("意见征集、舆情和留言数据暂不可用：该模块未安装。")))]
        return rows(org, period)

    return compute_or_none, rows_or_note, lambda: sources.engagement_available()


def _base_rows(late_key):
    """The rows of a 'things to measure' figure: the late ones are listed under the late figure."""
    def rows(org, period):
        return [Row(str(_("此项为计量基数（应办理的事项数），其中逾期的事项列于“%(label)s”。")
                        % {"label": METRICS[late_key].label}))]
    return rows


def _m(key, label, unit, compute, rows, note=""):
    return Metric(key, label, unit, compute, rows, note)


def _e(key, label, unit, compute, rows, note=""):
    compute, rows, available = _engagement(compute, rows)
    return Metric(key, label, unit, compute, rows, note, available)


METRICS: dict[str, Metric] = {m.key: m for m in [
    _m("records_published", _("主动公开信息发布数"), _("条"), records_published, records_published_rows),
    _m("records_overdue", _("逾期未发布或逾期发布的信息"), _("条"), records_overdue, records_overdue_rows),
    _m("records_due", _("应按时限主动公开的信息"), _("条"), records_due, _base_rows("records_overdue")),
    _m("interpretations", _("政策解读数"), _("篇"), interpretations, interpretations_rows),
    _m("interpretations_non_text", _("图解、音视频等非文字解读数"), _("篇"), interpretations_non_text,
       interpretations_non_text_rows),
    _m("requests_closed", _("依申请公开办结数"), _("件"), requests_closed, requests_closed_rows),
    _m("requests_late", _("依申请公开逾期答复数"), _("件"), requests_late, requests_late_rows),
    _m("requests_due", _("应在本季度答复的依申请公开"), _("件"), requests_due, _base_rows("requests_late")),
    _m("decisions_on_time", _("按时（7个工作日内）公示的行政许可、行政处罚决定"), _("件"), decisions_on_time,
       decisions_rows),
    _m("decisions_due", _("本季度应公示的行政许可、行政处罚决定"), _("件"), decisions_due, decisions_rows),
    _m("columns_stale", _("应更新未更新栏目"), _("个"), columns_stale,
       lambda org, p: _column_rows(org, p, "stale")),
    _m("columns_empty", _("空白栏目"), _("个"), columns_empty, lambda org, p: _column_rows(org, p, "empty")),
    _m("homepage_idle_days", _("首页未更新天数"), _("天"), homepage_idle_days, homepage_rows),
    _m("inspection_vetoes", _("触发政府网站检查单项否决项"), _("项"), inspection_vetoes, inspection_rows),
    _m("reposts_total", _("应转载的上级信息"), _("条"), reposts_total, reposts_total_rows),
    _m("reposts_late", _("逾期或未转载的上级信息"), _("条"), reposts_late, reposts_late_rows),
    _m("newmedia_stale", _("超过更新时限的政务新媒体"), _("个"), newmedia_stale,
       lambda org, p: newmedia_rows(org, p, stale_only=True)),
    _m("newmedia_active", _("登记运行的政务新媒体"), _("个"), newmedia_active,
       lambda org, p: newmedia_rows(org, p, stale_only=False)),
    _m("accountabilities_done", _("已完成的年度责任事项"), _("项"), accountabilities_done,
       lambda org, p: _accountability_rows(org, p)),
    _m("press_conference_done", _("主要负责人出席新闻发布会"), _("次"), press_conference_done,
       outreach_rows({"yearly"})),
    _m("press_head_missing", _("主要负责人全年未出席新闻发布会"), _("项"), press_head_missing, outreach_rows({"yearly"})),
    _m("press_head_due", _("已到期或已完成：主要负责人出席发布会"), _("项"), press_head_due, _base_rows("press_head_missing")),
    _m("press_quarters_missing", _("到期未召开新闻发布会的季度"), _("个"), press_quarters_missing,
       outreach_rows({"quarter"})),
    _m("press_quarters_due", _("已到期或已召开发布会的季度"), _("个"), press_quarters_due,
       _base_rows("press_quarters_missing")),
    _m("signed_articles", _("主要负责人署名文章"), _("篇"), signed_articles, outreach_rows({"yearly"})),
    _m("signed_article_missing", _("全年未发表主要负责人署名文章"), _("项"), signed_article_missing,
       outreach_rows({"yearly"})),
    _m("signed_article_due", _("已到期或已完成：署名文章"), _("项"), signed_article_due,
       _base_rows("signed_article_missing")),
    _m("open_days_held", _("举办政府开放日"), _("次"), open_days_held, outreach_rows({"yearly"})),
    _m("open_day_missing", _("全年未举办政府开放日"), _("项"), open_day_missing, outreach_rows({"yearly"})),
    _m("open_day_due", _("已到期或已完成：政府开放日"), _("项"), open_day_due, _base_rows("open_day_missing")),
    _m("progress_late", _("进展报告逾期未报"), _("期"), progress_late, progress_rows),
    _m("tasks_overdue", _("逾期未完成的分工任务"), _("项"), tasks_overdue, tasks_overdue_rows),
    _e("consultations", _("意见征集数"), _("次"), consultations, consultations_rows),
    _e("opinion_events_late", _("舆情逾期回应数"), _("件"), opinion_events_late, opinion_events_late_rows),
    _e("opinion_events_due", _("本季度应回应的舆情"), _("件"), opinion_events_due, _base_rows("opinion_events_late")),
    _e("messages_late", _("逾期答复或逾期未答复的留言"), _("条"), messages_late, messages_late_rows),
    _e("messages_due", _("本季度到期应答复的留言"), _("条"), messages_due, _base_rows("messages_late")),
    _e("meetings_held", _("本季度召开的公开会议"), _("次"), meetings_held, meeting_rows),
    _e("meetings_live", _("网络直播的公开会议"), _("次"), meetings_live, meeting_rows),
    _e("messages_unanswered", _("一年内超过三个月未回应的留言"), _("条"), messages_unanswered,
       messages_unanswered_rows),
]}

METRIC_CHOICES = [(m.key, m.label) for m in METRICS.values()]

__all__ = [
    "EMPTY_COLUMNS_VETO", "HOMEPAGE_IDLE_DAYS", "MESSAGE_UNANSWERED_DAYS", "NEVER", "STALE_COLUMNS_VETO", "METRICS",
    "METRIC_CHOICES", "ColumnState", "Metric", "Period", "Row", "accountabilities_done", "column_states",
    "columns_empty", "columns_stale", "consultations", "homepage_idle_days", "inspection_rows", "inspection_vetoes",
    "interpretations", "interpretations_non_text", "messages_unanswered", "newmedia_active", "newmedia_stale", "opinion_events_late",
    "press_conference_done", "progress_late", "quarter_due", "records_overdue", "records_published",
    "reposts_late", "reposts_total", "requests_closed", "requests_late", "tasks_overdue",
]
