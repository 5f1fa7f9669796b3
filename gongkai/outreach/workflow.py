"""The transition tables of press conferences, signed articles and open days (run by core.workflow)."""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.core import clock
from gongkai.core.workflow import Transition, Workflow
from gongkai.organisations.permissions import Action

from .models import OpenDay, PressConference, SignedArticle
from .states import ArticleStatus as A, ConferenceStatus as C, OpenDayStatus as D, OutreachEvent as E


def _started(obj) -> str | None:
    return None if obj.starts_at <= clock.now() else _("活动尚未开始，不能记录举办情况。")


def _not_started(obj) -> str | None:
    return None if obj.starts_at > clock.now() else _("召开时间已过，不能再发布预告。")


def _signup_still_ahead(day: OpenDay) -> str | None:
    return None if day.signup_closes_at > clock.now() else _("报名截止时间已过，请先修改报名时间。")


CONFERENCE_WORKFLOW = Workflow(
    PressConference,
    transitions=(
        Transition("edit", sources={C.PLANNED, C.ANNOUNCED}, permission=Action.OUTREACH_EDIT,
                   event=E.CONFERENCE_EDITED, label=gettext_lazy("修改"), offer=False),
        Transition("announce", sources={C.PLANNED}, target=C.ANNOUNCED, permission=Action.OUTREACH_EDIT,
                   event=E.CONFERENCE_ANNOUNCED, label=gettext_lazy("发布预告"), condition=_not_started),
        Transition("record_held", sources={C.PLANNED, C.ANNOUNCED}, target=C.HELD, permission=Action.OUTREACH_EDIT,
                   event=E.CONFERENCE_HELD, label=gettext_lazy("记录召开情况"), condition=_started, offer=False),
        Transition("publish_record", sources={C.HELD}, target=C.RECORDED, permission=Action.OUTREACH_EDIT,
                   event=E.CONFERENCE_RECORDED, label=gettext_lazy("公开实录"), offer=False),
        Transition("cancel", sources={C.PLANNED, C.ANNOUNCED}, target=C.CANCELLED, permission=Action.OUTREACH_EDIT,
                   event=E.CONFERENCE_CANCELLED, label=gettext_lazy("取消发布会"), offer=False, style="danger"),
    ),
)

ARTICLE_WORKFLOW = Workflow(
    SignedArticle,
    transitions=(
        Transition("publish", sources={A.PLANNED}, target=A.PUBLISHED, permission=Action.OUTREACH_EDIT,
                   event=E.ARTICLE_PUBLISHED, label=gettext_lazy("登记发表情况"), offer=False),
        Transition("cancel", sources={A.PLANNED}, target=A.CANCELLED, permission=Action.OUTREACH_EDIT,
                   event=E.ARTICLE_CANCELLED, label=gettext_lazy("撤销"), offer=False, style="danger"),
    ),
)

OPEN_DAY_WORKFLOW = Workflow(
    OpenDay,
    transitions=(
        Transition("edit", sources={D.PLANNED, D.OPEN}, permission=Action.OUTREACH_EDIT,
                   event=E.OPEN_DAY_EDITED, label=gettext_lazy("修改"), offer=False),
        Transition("open", sources={D.PLANNED}, target=D.OPEN, permission=Action.OUTREACH_EDIT,
                   event=E.OPEN_DAY_OPENED, label=gettext_lazy("发布并接受报名"), condition=_signup_still_ahead),
        Transition("record_held", sources={D.OPEN}, target=D.HELD, permission=Action.OUTREACH_EDIT,
                   event=E.OPEN_DAY_HELD, label=gettext_lazy("记录举办情况"), condition=_started, offer=False),
        Transition("publish_record", sources={D.HELD}, target=D.RECORDED, permission=Action.OUTREACH_EDIT,
                   event=E.OPEN_DAY_RECORDED, label=gettext_lazy("公开活动情况"), offer=False),
        Transition("cancel", sources={D.PLANNED, D.OPEN}, target=D.CANCELLED, permission=Action.OUTREACH_EDIT,
                   event=E.OPEN_DAY_CANCELLED, label=gettext_lazy("取消开放日"), offer=False, style="danger"),
    ),
)
