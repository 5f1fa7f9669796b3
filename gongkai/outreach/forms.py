"""Forms of the open-day sign-up and the back office. They validate input shapes; services decide."""
from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.idempotency import IdempotencyTokenField

MINUTE = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 4})


def _minute(label):
    return forms.DateTimeField(label=label, widget=MINUTE, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
                               help_text=_("北京时间，精确到分钟。"))


def _link(label, help_text=_("以 http:// 或 https:// 开头的完整链接。")):
    return forms.CharField(label=label, max_length=300, required=False, help_text=help_text)


class ConferenceForm(forms.Form):
    title = forms.CharField(label=_("发布会主题"), max_length=200)
    starts_at = _minute(_("召开时间"))
    place = forms.CharField(label=_("地点"), max_length=200)
    speakers = forms.CharField(label=_("发布人"), max_length=300, help_text=_("出席发布的负责人、新闻发言人及其职务。"))
    head_attends = forms.BooleanField(label=_("主要负责人出席"), required=False)
    head_post = forms.CharField(label=_("主要负责人职务"), max_length=80, required=False)
    summary = forms.CharField(label=_("发布内容简介"), max_length=20_000, required=False, widget=TEXT)
    live_url = _link(_("网络直播链接"))


class HeldConferenceForm(forms.Form):
    speakers = forms.CharField(label=_("发布人"), max_length=300)
    head_attended = forms.BooleanField(label=_("主要负责人出席"), required=False)
    head_post = forms.CharField(label=_("主要负责人职务"), max_length=80, required=False)
    live_url = _link(_("网络直播链接（回放）"))


class TranscriptForm(forms.Form):
    transcript = forms.CharField(label=_("文字实录"), max_length=200_000, required=False,
                                 widget=forms.Textarea(attrs={"rows": 8}))
    transcript_url = _link(_("实录或直播回放链接"))


class ArticleForm(forms.Form):
    title = forms.CharField(label=_("文章标题"), max_length=200)
    author_post = forms.CharField(label=_("署名人职务"), max_length=80, help_text=_("如：局长（主要负责人）。"))
    summary = forms.CharField(label=_("内容摘要"), max_length=20_000, required=False, widget=TEXT)


class ArticlePublishForm(forms.Form):
    outlet = forms.CharField(label=_("发表媒体"), max_length=200)
    published_on = forms.DateField(label=_("发表日期"), widget=DATE)
    url = _link(_("文章链接"))


class OpenDayForm(forms.Form):
    title = forms.CharField(label=_("活动名称"), max_length=200)
    starts_at = _minute(_("活动时间"))
    place = forms.CharField(label=_("地点"), max_length=200)
    capacity = forms.IntegerField(label=_("名额"), min_value=1, max_value=10_000)
    signup_opens_at = _minute(_("报名开始时间"))
    signup_closes_at = _minute(_("报名截止时间"))
    description = forms.CharField(label=_("活动安排"), max_length=20_000, widget=TEXT,
                                  help_text=_("参观内容、听取意见的安排、交通与注意事项。"))


class OpenDayHeldForm(forms.Form):
    attendance = forms.IntegerField(label=_("实到人数"), min_value=0, max_value=10_000)
    report = forms.CharField(label=_("活动情况"), max_length=20_000, widget=TEXT,
                             help_text=_("听取的意见建议及办理情况，将向社会公开。"))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class SignupForm(forms.Form):
    """The public sign-up: posted twice (double click, retry) it is carried out once (core.idempotency)."""

    idempotency_token = IdempotencyTokenField()
    name = forms.CharField(label=_("姓名"), max_length=60)
    phone = forms.CharField(label=_("联系电话"), max_length=30,
                            help_text=_("11位手机号码或带区号的固定电话，用于通知和入场核对，不公开。"))
    id_number = forms.CharField(label=_("居民身份证号码（选填）"), max_length=30, required=False,
                                help_text=_("进入机关办公区需登记的，可提前填写以便核验；仅工作人员可见。"))

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("idempotency_token", None)
        return data
