"""Forms of the 政务新媒体 back office. They parse input; the services validate it and decide."""
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import HANDLE_MAX, CONTACT_MAX, FILING_MAX, NAME_MAX, PURPOSE_MAX, REASON_MAX, UNIT_MAX, URL_MAX
from .states import Platform

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RequestForm(forms.Form):
    platform = forms.ChoiceField(label=_("平台"), choices=Platform.choices)
    name = forms.CharField(label=_("账号名称"), max_length=NAME_MAX,
                           help_text=_("简洁规范，与主办单位职责相关联，在认证信息中标明主办单位（国办发〔2018〕123号）。"))
    handle = forms.CharField(label=_("账号ID"), max_length=HANDLE_MAX, required=False,
                                 help_text=_("微信号、微博ID、抖音号等；客户端填写应用名称。"))
    url = forms.CharField(label=_("访问链接"), max_length=URL_MAX, required=False,
                          help_text=_("账号主页或下载页的完整网址（http:// 或 https://）。"))
    operator = forms.CharField(label=_("运维单位"), max_length=UNIT_MAX,
                               help_text=_("具体承担日常运维的股室或受委托机构。"))
    purpose = forms.CharField(label=_("功能定位"), max_length=PURPOSE_MAX, widget=forms.Textarea(attrs={"rows": 2}))
    contact = forms.CharField(label=_("联系方式"), max_length=CONTACT_MAX,
                              help_text=_("负责股室及办公电话，不填个人手机号。"))
    reason = forms.CharField(label=_("申请理由"), max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 3}))


class CloseForm(forms.Form):
    reason = forms.CharField(label=_("关闭理由"), max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("如功能相近、用户关注度和利用率低，或确属无力维护（国办发〔2018〕123号）。"))


class OpinionForm(forms.Form):
    opinion = forms.CharField(label=_("意见"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CarryOutForm(forms.Form):
    done_on = forms.DateField(label=_("实施日期"), widget=_DATE)
    filing_number = forms.CharField(label=_("备案编号"), max_length=FILING_MAX, required=False,
                                    help_text=_("全国政务新媒体信息报送系统等备案编号，如有。"))


class UpdateForm(forms.Form):
    published_on = forms.DateField(label=_("最近更新日期"), widget=_DATE,
                                   help_text=_("查看账号后登记其最近一次发布信息的日期。"))


class DetailsForm(forms.Form):
    contact = forms.CharField(label=_("联系方式"), max_length=CONTACT_MAX)
    feed_url = forms.CharField(label=_("订阅源（RSS/Atom）"), max_length=URL_MAX, required=False,
                               help_text=_("平台提供订阅源时填写；仅系统管理员允许的网站会被定时读取。"))
