"""Forms of the wording office pages (input parsing only; the services validate and decide)."""
from django import forms
from django.utils.translation import gettext_lazy as _

from .states import RuleKind, Severity


class RuleForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=RuleKind.choices)
    term = forms.CharField(label=_("用语"), max_length=100,
                           help_text=_("文中出现即提示的用语，例如已撤销机构的名称或本地要求替换的说法。"))
    suggestion = forms.CharField(label=_("建议改为"), max_length=100, required=False)
    severity = forms.ChoiceField(label=_("严重程度"), choices=Severity.choices, initial=Severity.MAJOR,
                                 help_text=_("“严重”的问题在提交审核时须改正或由分管负责人说明理由后放行。"))
    source = forms.CharField(label=_("依据"), max_length=200, required=False,
                             help_text=_("文件名称和文号，例如“晋应急发〔2024〕5号”。"))
    explanation = forms.CharField(label=_("说明"), max_length=300, required=False)
    valid_from = forms.DateField(label=_("起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                                 help_text=_("过时名称：该名称启用的日期（可不填）。其他类别：规则开始适用的日期。"))
    valid_to = forms.DateField(label=_("截止日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                               help_text=_("过时名称：该名称停止使用的日期，此后成文的文件使用即提示。其他类别：规则停止适用的日期。"))
    active = forms.BooleanField(label=_("启用"), required=False, initial=True)


class TenureForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=40)
    post = forms.CharField(label=_("职务"), max_length=40, help_text=_("与文中写法一致，例如“局长”“党委书记”。"))
    start = forms.DateField(label=_("任职起始"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("任职截止"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                          help_text=_("仍在任的不填。"))


class CheckForm(forms.Form):
    text = forms.CharField(label=_("待检查的文字"), max_length=200_000, widget=forms.Textarea(attrs={"rows": 8}))
    on_date = forms.DateField(label=_("成文日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                              help_text=_("按该日期判断机构名称和领导任职；不填为今天。"))
