"""Thin forms: they carry the raw input; the service checks it (``cleaning``) and names every problem."""
from django import forms
from django.utils.translation import gettext_lazy as _

from .states import DecisionKind, SubjectType

_DATE = forms.DateInput(attrs={"type": "date"})


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(label=_("决定类别"), choices=DecisionKind.choices)
    document_number = forms.CharField(label=_("决定文书号"), max_length=100)
    title = forms.CharField(label=_("项目名称/处罚名称"), max_length=200)
    category = forms.CharField(label=_("审批类别/处罚类别"), max_length=100,
                               help_text=_("如：普通、变更；警告、罚款、责令停产停业"))
    subject_type = forms.ChoiceField(label=_("行政相对人类别"), choices=SubjectType.choices)
    subject_name = forms.CharField(label=_("行政相对人名称"), max_length=200)
    credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=40, required=False)
    legal_representative = forms.CharField(label=_("法定代表人"), max_length=60, required=False)
    id_number = forms.CharField(label=_("居民身份证号码（仅自然人，不公开）"), max_length=40, required=False)
    facts = forms.CharField(label=_("事由/违法事实"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                            max_length=5000)
    basis = forms.CharField(label=_("依据"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)
    content = forms.CharField(label=_("许可内容/处罚内容"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    fine_amount = forms.CharField(label=_("罚款金额（万元）"), max_length=20, required=False)
    decided_on = forms.CharField(label=_("决定日期"), widget=_DATE, max_length=20)
    authority = forms.CharField(label=_("决定机关"), max_length=120, required=False,
                                help_text=_("不填则为本机关名称"))
    valid_until = forms.CharField(label=_("许可有效期至"), widget=_DATE, max_length=20, required=False)
    publicity_until = forms.CharField(label=_("公示截止日期"), widget=_DATE, max_length=20, required=False,
                                      help_text=_("按有关规定确定的公示期限；到期后系统撤下公示"))


class CorrectForm(DecisionForm):
    reason = forms.CharField(label=_("更正理由"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("撤下理由"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("导入文件（.xlsx）"))


def initial_of(decision) -> dict:
    """Return the form's initial values from a stored decision."""
    data = {name: getattr(decision, name) for name in DecisionForm.base_fields}
    for key in ("decided_on", "valid_until", "publicity_until"):
        data[key] = data[key].isoformat() if data[key] else ""
    data["fine_amount"] = "" if decision.fine_amount is None else format(decision.fine_amount.normalize(), "f")
    return data
