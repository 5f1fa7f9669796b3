"""Forms of the public intake and the back office. They validate input shapes; services decide."""
from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.idempotency import IdempotencyTokenField
from gongkai.organisations.models import Unit

from . import services
from .states import Adoption, CommenterKind, ConsultationKind, MeetingKind, MessageKind, MessageStatus, Severity

MINUTE = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
TEXT = forms.Textarea(attrs={"rows": 4})


def _minute_field(label, **kw):
    return forms.DateTimeField(label=label, widget=MINUTE, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
                               help_text=_("北京时间，精确到分钟。"), **kw)


class EntryChoiceMixin:
    def _entries(self, organisation):
        from .models import DecisionEntry

        self.fields["decision_entry"].queryset = DecisionEntry.objects.filter(
            catalog__organisation=organisation).select_related("catalog")


class ConsultationForm(EntryChoiceMixin, forms.Form):
    title = forms.CharField(label=_("征求意见稿名称"), max_length=200)
    kind = forms.ChoiceField(
        label=_("征求意见事项类别"), choices=ConsultationKind.choices, initial=ConsultationKind.NORMATIVE,
        help_text=_("重大行政决策、规章草案公开征求意见一般不少于30日；行政规范性文件一般不少于7个工作日。"))
    draft_text = forms.CharField(label=_("决策草案"), max_length=services.MAX_TEXT, widget=forms.Textarea(attrs={"rows": 8}))
    basis = forms.CharField(label=_("决策依据"), max_length=services.MAX_TEXT, widget=TEXT)
    explanation = forms.CharField(label=_("起草说明"), max_length=services.MAX_TEXT, widget=TEXT)
    opens_at = _minute_field(_("征求意见开始时间"))
    closes_at = _minute_field(_("征求意见截止时间"))
    short_period_reason = forms.CharField(
        label=_("缩短期限的理由（期限短于规定时必填，向社会公布）"), max_length=services.MAX_COMMENT, required=False,
        widget=forms.Textarea(attrs={"rows": 2}))
    report_due = forms.DateField(label=_("采纳情况公布时限（对外公布）"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    decision_entry = forms.ModelChoiceField(label=_("对应的重大行政决策事项（如有）"), queryset=Unit.objects.none(),
                                            required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self._entries(organisation)


class IntakeForm(forms.Form):
    """A public form that creates something: posted twice (double click, retry), it is carried out once and
    the repeat gets the first answer (gongkai.core.idempotency)."""

    idempotency_token = IdempotencyTokenField()

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("idempotency_token", None)  # read by IdempotencyMiddleware, not by the service
        return data


class CommentForm(IntakeForm):
    kind = forms.ChoiceField(label=_("提交人类型"), choices=CommenterKind.choices, widget=forms.RadioSelect,
                             initial=CommenterKind.CITIZEN)
    name = forms.CharField(label=_("姓名或名称"), max_length=120)
    phone = forms.CharField(label=_("联系电话（选填）"), max_length=30, required=False)
    email = forms.EmailField(label=_("电子邮箱（选填）"), required=False)
    body = forms.CharField(label=_("意见内容"), max_length=services.MAX_COMMENT, widget=forms.Textarea(attrs={"rows": 6}))


class GroupForm(forms.Form):
    comments = forms.TypedMultipleChoiceField(label=_("选择意见"), coerce=int, widget=forms.CheckboxSelectMultiple)
    group = forms.TypedChoiceField(label=_("归入已有归类"), coerce=int, required=False, empty_value=None)
    new_title = forms.CharField(label=_("或新建归类"), max_length=200, required=False)
    tags = forms.CharField(label=_("标签（用逗号分隔）"), max_length=services.MAX_TAGS, required=False)

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comments"].choices = [(c.pk, str(c.pk)) for c in consultation.comments.all()]
        self.fields["group"].choices = [("", "—")] + [(g.pk, g.title) for g in consultation.groups.all()]


class DecideForm(forms.Form):
    adoption = forms.ChoiceField(label=_("采纳情况"), choices=[c for c in Adoption.choices if c[0] != Adoption.PENDING])
    reason = forms.CharField(label=_("理由"), max_length=services.MAX_COMMENT, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReportForm(forms.Form):
    summary = forms.CharField(label=_("采纳情况总体说明"), max_length=services.MAX_TEXT, required=False, widget=TEXT)


class RecordChoiceForm(forms.Form):
    record = forms.TypedChoiceField(label=_("政府信息"), coerce=int)

    def __init__(self, *args, organisation, user, **kwargs):
        super().__init__(*args, **kwargs)
        from gongkai.records.selectors import staff_records

        self.records = {r.pk: r for r in staff_records(user).filter(organisation=organisation).order_by("-pk")[:200]}
        self.fields["record"].choices = [(pk, f"{r.index_number} {r.title}") for pk, r in self.records.items()]

    def chosen(self):
        return self.records[self.cleaned_data["record"]]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由或意见"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CatalogForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)


class EntryForm(forms.Form):
    title = forms.CharField(label=_("决策事项"), max_length=200)
    unit = forms.CharField(label=_("承办部门"), max_length=120)
    decision_time = forms.CharField(label=_("决策时间"), max_length=60, help_text=_("例如：2026年第三季度"))
    hearing = forms.BooleanField(label=_("需要听证"), required=False)


class OpinionForm(forms.Form):
    source = forms.CharField(label=_("舆情来源"), max_length=120, help_text=_("例如：某新闻网站、微博、论坛"))
    link = forms.URLField(label=_("原文链接"), max_length=500, required=False, assume_scheme="https")
    summary = forms.CharField(label=_("舆情摘要"), max_length=services.MAX_COMMENT, widget=TEXT)
    first_seen_at = _minute_field(_("首次发现时间"))
    severity = forms.ChoiceField(label=_("舆情级别"), choices=Severity.choices, widget=forms.RadioSelect,
                                 initial=Severity.ORDINARY)
    unit = forms.ModelChoiceField(label=_("回应责任股室（谁主管谁发声）"), queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(organisation=organisation).order_by("name")


class UnitForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("股室"), queryset=Unit.objects.none())

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(organisation=organisation).order_by("name")


class TextForm(forms.Form):
    text = forms.CharField(label=_("内容"), max_length=services.MAX_TEXT, widget=TEXT)


class PressForm(forms.Form):
    held_at = _minute_field(_("新闻发布会时间"))
    note = forms.CharField(label=_("说明"), max_length=500, required=False)


class CatalogItemForm(forms.Form):
    catalog_item = forms.TypedChoiceField(label=_("目录事项"), coerce=int)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = published_items(organisation)
        self.fields["catalog_item"].choices = [
            (i.pk, f"{i.first_level} › {i.number}. {i.second_level}") for i in self.items]

    def item(self):
        pk = self.cleaned_data["catalog_item"]
        return next(i for i in self.items if i.pk == pk)


def published_items(organisation):
    from gongkai.catalog.selectors import active_items

    return list(active_items(organisation))


class MessageForm(IntakeForm):
    kind = forms.ChoiceField(label=_("留言类型"), choices=MessageKind.choices, widget=forms.RadioSelect,
                             initial=MessageKind.CONSULTATION)
    to_leader = forms.BooleanField(label=_("写给领导信箱"), required=False)
    name = forms.CharField(label=_("姓名"), max_length=120)
    phone = forms.CharField(label=_("联系电话"), max_length=30,
                            help_text=_("11位手机号码或带区号的固定电话。仅用于联系您，不公开。"))
    email = forms.EmailField(label=_("电子邮箱（选填）"), required=False)
    subject = forms.CharField(label=_("标题"), max_length=200)
    body = forms.CharField(label=_("留言内容"), max_length=services.MAX_MESSAGE, widget=forms.Textarea(attrs={"rows": 6}))
    consent_publish = forms.BooleanField(label=_("同意在答复后公开我的留言和答复（姓名、电话等个人信息脱敏）"),
                                         required=False)


class TrackForm(forms.Form):
    number = forms.CharField(label=_("留言编号"), max_length=40)
    secret = forms.CharField(label=_("查询码"), max_length=20)


class FromRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("转为留言的类型"), choices=MessageKind.choices, initial=MessageKind.COMPLAINT)
    reply_text = forms.CharField(
        label=_("不予处理告知内容"), max_length=services.MAX_TEXT, widget=TEXT,
        initial=_("您提出的申请属于信访、投诉、举报事项，根据《中华人民共和国政府信息公开条例》第三十九条第一款，"
                  "本机关不作为政府信息公开申请处理，已转为留言办理，并将依法答复。"))


class MeetingForm(EntryChoiceMixin, forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=MeetingKind.choices, initial=MeetingKind.MEETING)
    title = forms.CharField(label=_("会议名称"), max_length=200)
    starts_at = _minute_field(_("召开时间"))
    place = forms.CharField(label=_("地点"), max_length=200)
    invitation = forms.CharField(label=_("邀请说明"), max_length=services.MAX_TEXT, widget=TEXT,
                                 help_text=_("列席对象、名额、报名方式等。"))
    decision_entry = forms.ModelChoiceField(label=_("对应的重大行政决策事项（听证会必填）"), queryset=Unit.objects.none(),
                                            required=False)
    live_url = forms.CharField(label=_("网络直播链接"), max_length=300, required=False,
                               help_text=_("涉及公众利益、需要社会广泛知晓的会议应网络直播；填写以 http:// 或 https:// 开头的链接。"))

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self._entries(organisation)


class LiveUrlForm(forms.Form):
    live_url = forms.CharField(label=_("网络直播链接"), max_length=300, required=False,
                               help_text=_("以 http:// 或 https:// 开头；留空则撤下链接。"))


class HeldForm(forms.Form):
    attendance = forms.IntegerField(label=_("列席公众人数"), min_value=0, max_value=100_000)
    attendees = forms.CharField(label=_("出席情况"), max_length=services.MAX_TEXT, widget=TEXT)
    minutes = forms.CharField(label=_("会议（听证）情况"), max_length=services.MAX_TEXT, required=False, widget=TEXT)


class MessageFilterForm(forms.Form):
    """The filters of the office messages list (GET); the export uses the same filters."""

    organisation = forms.ModelChoiceField(label=_("受理机关"), queryset=Unit.objects.none(), required=False,
                                          empty_label=_("全部"))
    status = forms.ChoiceField(label=_("状态"), choices=[("", _("全部"))] + MessageStatus.choices, required=False)
    kind = forms.ChoiceField(label=_("留言类型"), choices=[("", _("全部"))] + MessageKind.choices, required=False)
    overdue = forms.BooleanField(label=_("只看已逾期未答复的"), required=False)
    received_from = forms.DateField(label=_("收到日期自"), required=False,
                                    widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    received_to = forms.DateField(label=_("至"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    q = forms.CharField(label=_("编号或标题"), max_length=100, required=False)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations.order_by("path")
        self.fields["organisation"].to_field_name = "code"

    def filters(self) -> dict:
        """The cleaned filters for selectors.office_messages (empty when the form is invalid)."""
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        return {"organisation": d["organisation"], "status": d["status"], "kind": d["kind"],
                "overdue": d["overdue"], "received_from": d["received_from"], "received_to": d["received_to"],
                "q": d["q"].strip()}
