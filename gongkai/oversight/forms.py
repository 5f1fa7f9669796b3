"""Thin forms: they parse input; services validate it against the domain."""
from django import forms
from django.utils.translation import gettext_lazy as _

from .states import EvidenceKind, PeriodKind, UpdateRule


class ColumnForm(forms.Form):
    name = forms.CharField(label=_("栏目名称"), max_length=120)
    parent = forms.IntegerField(label=_("一级栏目"), required=False)
    lead_unit = forms.CharField(label=_("牵头责任单位"), max_length=200, required=False)
    cooperating_units = forms.CharField(label=_("配合责任单位"), max_length=200, required=False)
    rule = forms.ChoiceField(label=_("更新要求"), choices=UpdateRule.choices)
    catalog_keys = forms.CharField(label=_("对应目录事项标识（逗号分隔）"), max_length=2000, required=False)


class ColumnEditForm(forms.Form):
    lead_unit = forms.CharField(label=_("牵头责任单位"), max_length=200, required=False)
    cooperating_units = forms.CharField(label=_("配合责任单位"), max_length=200, required=False)
    rule = forms.ChoiceField(label=_("更新要求"), choices=UpdateRule.choices)
    rule_text = forms.CharField(label=_("更新要求原文"), max_length=1000, required=False)
    sync_with = forms.IntegerField(label=_("同步栏目"), required=False)
    catalog_keys = forms.CharField(label=_("对应目录事项标识（逗号分隔）"), max_length=2000, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), max_length=2000, required=False)


class NoticeForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=300)
    url = forms.CharField(label=_("原文链接"), max_length=300)
    record_id = forms.IntegerField(label=_("原文信息编号（可选）"), required=False, min_value=1)


class RepostForm(forms.Form):
    url = forms.CharField(label=_("转载链接"), max_length=300)


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=EvidenceKind.choices)
    note = forms.CharField(label=_("说明"), max_length=300)
    url = forms.CharField(label=_("链接"), max_length=300, required=False)
    ref = forms.IntegerField(label=_("编号"), required=False, min_value=1)


class ProgressOpenForm(forms.Form):
    kind = forms.ChoiceField(label=_("周期"), choices=PeriodKind.choices)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    period = forms.IntegerField(label=_("期次"), min_value=1, max_value=4)


class NarrativeForm(forms.Form):
    narrative = forms.CharField(label=_("工作进展"), widget=forms.Textarea(attrs={"rows": 10}), max_length=20000,
                                required=False)


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("审核意见"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
                              required=False)


class AccountabilityForm(forms.Form):
    done_on = forms.DateField(label=_("完成日期"))
    responsible = forms.CharField(label=_("责任人职务"), max_length=80, required=False)
    evidence_url = forms.CharField(label=_("佐证链接"), max_length=300, required=False)
    record_id = forms.IntegerField(label=_("佐证信息编号"), required=False, min_value=1)
    note = forms.CharField(label=_("说明"), max_length=300, required=False)
