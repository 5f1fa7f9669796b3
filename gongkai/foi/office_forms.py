"""Forms of the back-office case page: one per transition that takes input (see office_views.ACTION_FORMS)."""
from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import PARTIAL_GROUNDS, REASONS, Outcome
from .deadlines import MAX_EXTENSION_WORKING_DAYS
from .forms import (  # noqa: F401  (re-exported: the office page's forms in one place)
    DATE, AskCorrectionForm, AssignForm, FeeForm, FeePaidForm, OfficeCorrectionForm,
)


class ConsultForm(forms.Form):
    third_party = forms.CharField(label=_("被征求意见的第三方或机关"), max_length=200)
    sent_on = forms.DateField(label=_("征求意见书发出日期"), widget=DATE)
    received_on = forms.DateField(label=_("第三方收到日期（已知时填写）"), widget=DATE, required=False,
                                  help_text=_("第三方的15个工作日自其收到征求意见书之日起计算（第三十二条）。"))
    note = forms.CharField(label=_("说明"), max_length=300, required=False)


class ThirdPartyReceivedForm(forms.Form):
    received_on = forms.DateField(label=_("第三方收到征求意见书日期"), widget=DATE)


class ThirdPartyReplyForm(forms.Form):
    replied_on = forms.DateField(label=_("意见收回日期（逾期未复的填期限届满日）"), widget=DATE)
    objected = forms.BooleanField(label=_("第三方不同意公开"), required=False)
    opinion = forms.CharField(label=_("第三方意见"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}),
                              required=False)


class ExtensionRequestForm(forms.Form):
    working_days = forms.IntegerField(label=_("延长工作日数"), min_value=1, max_value=MAX_EXTENSION_WORKING_DAYS,
                                      initial=MAX_EXTENSION_WORKING_DAYS)
    reason = forms.CharField(label=_("延长理由"), max_length=500)


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("意见"), max_length=500)


class AskReasonsForm(forms.Form):
    question = forms.CharField(label=_("要求申请人说明的事项"), max_length=2000,
                               widget=forms.Textarea(attrs={"rows": 3}))


class AcceptReasonsForm(forms.Form):
    received_on = forms.DateField(label=_("收到理由说明日期"), widget=DATE)
    reasons = forms.CharField(label=_("申请人说明的理由"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    later_due_date = forms.DateField(label=_("另行确定的答复期限（无法按期答复时填写）"), widget=DATE, required=False)


class RejectReasonsForm(forms.Form):
    reply_text = forms.CharField(label=_("答复内容（说明理由不合理之处）"), max_length=10000,
                                 widget=forms.Textarea(attrs={"rows": 4}))


def answer_reason_choices():
    choices = [("", _("（予以公开可不选）"))]
    for r in REASONS:
        choices.append((r.key, f"{Outcome(r.outcome).label}：{r.label}"))
    for r in PARTIAL_GROUNDS:
        choices.append((f"{Outcome.PARTIAL}.{r.code}", f"{Outcome.PARTIAL.label}（不予提供部分）：{r.label}"))
    return choices


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(label=_("办理结果"), choices=Outcome.choices)
    reason = forms.ChoiceField(label=_("具体情形（部分公开：不予提供部分的理由）"), required=False, choices=())
    reply_text = forms.CharField(label=_("答复内容"), max_length=10000, widget=forms.Textarea(attrs={"rows": 6}))
    reply_link = forms.URLField(label=_("信息获取链接"), required=False, max_length=500, assume_scheme="https")
    referred_to = forms.CharField(label=_("负责公开的机关及联系方式（不属于本机关负责公开时）"), max_length=300,
                                  required=False)
    public_interest = forms.CharField(
        label=_("第三方不同意公开而决定公开的理由（公共利益）"), max_length=1000, required=False,
        widget=forms.Textarea(attrs={"rows": 2}))
    attachment = forms.FileField(label=_("提供的信息（附件，10MB以内）"), required=False)
    suggest_proactive = forms.BooleanField(label=_("该信息应属主动公开范围，建议转为主动公开"), required=False)
    catalog_item = forms.TypedChoiceField(label=_("对应的目录事项"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, catalog_items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = answer_reason_choices()
        self.fields["catalog_item"].choices = [("", "—")] + [
            (i.pk, f"{i.first_level} › {i.number}. {i.second_level}") for i in catalog_items]

    def clean(self):
        data = super().clean()
        outcome, reason = data.get("outcome"), data.get("reason") or ""
        group, _sep, code = reason.partition(".")
        if outcome and reason and group != outcome:
            self.add_error("reason", _("具体情形与办理结果不一致。"))
        data["reason_code"] = code
        return data
