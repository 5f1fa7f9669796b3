from django import forms
from django.utils.translation import gettext_lazy as _

from .models import LegalBasis
from .states import (
    Attribute, DocumentType, InterpretationForm, SecrecyOutcome, SecrecyQuestion, SelfCheckDecisionKind, Validity,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs, format=format or "%Y-%m-%d")


class RecordForm(forms.Form):
    catalog_item = forms.TypedChoiceField(label=_("主题分类（目录事项）"), coerce=int)
    title = forms.CharField(label=_("标题"), max_length=300)
    doc_number = forms.CharField(label=_("文号"), max_length=80, required=False)
    issuing_unit = forms.CharField(label=_("发文机关"), max_length=120)
    formation_date = forms.DateField(label=_("成文日期"), widget=DateInput)
    # Section 二 of the annual report counts rules and normative documents this organisation issued.
    document_type = forms.ChoiceField(label=_("文件类型"), required=False,
                                      choices=[("", _("其他（非规章、非行政规范性文件）"))] + DocumentType.choices,
                                      help_text=_("年度报告第二部分按文件类型统计本机关制发的规章和行政规范性文件。"))
    issued_here = forms.BooleanField(label=_("本机关制发（转发上级或其他机关的文件不勾选）"), required=False)
    summary = forms.CharField(label=_("内容概述"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    body = forms.CharField(label=_("正文"), widget=forms.Textarea(attrs={"rows": 12}), required=False)
    attribute = forms.ChoiceField(label=_("公开属性（建议）"), choices=Attribute.choices, widget=forms.RadioSelect)
    legal_basis = forms.ModelChoiceField(label=_("不予公开的法定依据"), queryset=LegalBasis.objects.filter(active=True),
                                         required=False, empty_label=_("（拟不予公开时必选）"))
    attribute_reason = forms.CharField(label=_("属性理由"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
                                       help_text=_("拟依申请公开或不予公开的，必须说明理由。"))
    touches_state_secrets = forms.BooleanField(label=_("可能涉及国家秘密（先送保密审查）"), required=False)
    is_major = forms.BooleanField(label=_("重大事项（需领导审批）"), required=False)
    needs_interpretation = forms.BooleanField(label=_("需要解读（解读材料同步起草、同步审签、同步发布）"), required=False)

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["catalog_item"].choices = [(i.pk, f"{i.first_level} / {i.number}. {i.second_level}") for i in items]


class InterpretationEditForm(forms.Form):
    title = forms.CharField(label=_("解读标题"), max_length=300)
    form = forms.ChoiceField(label=_("解读形式"), choices=InterpretationForm.choices)
    interpreting_body = forms.CharField(label=_("解读机关"), max_length=120)
    background = forms.CharField(label=_("出台背景依据"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    objectives = forms.CharField(label=_("目标任务"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    main_content = forms.CharField(label=_("主要内容"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    measures = forms.CharField(label=_("具体举措"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    target_group = forms.CharField(label=_("适用对象"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    notes = forms.CharField(label=_("注意事项"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    key_terms = forms.CharField(label=_("关键词解释"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    differences = forms.CharField(label=_("新旧政策差异"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    media_link = forms.CharField(label=_("音视频或发布会链接"), max_length=300, required=False)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("附件（PDF、DOCX、XLSX、PNG、JPEG、GIF）"))


class OpinionForm(forms.Form):
    opinion = forms.CharField(label=_("意见"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000)


class EscalateForm(forms.Form):
    question = forms.ChoiceField(label=_("无法确定的问题"), choices=SecrecyQuestion.choices)
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class DetermineForm(forms.Form):
    outcome = forms.ChoiceField(label=_("审定结论"), choices=SecrecyOutcome.choices)
    determined_by = forms.CharField(label=_("审定单位"), max_length=120, required=False)
    reference = forms.CharField(label=_("审定文书"), max_length=200, required=False)


class ReadingRoomForm(forms.Form):
    location = forms.CharField(label=_("查阅点"), max_length=200)
    copies = forms.IntegerField(label=_("份数"), min_value=1, initial=1)
    delivered_on = forms.DateField(label=_("移送日期"), widget=DateInput)


class SelfCheckDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("结论"), choices=SelfCheckDecisionKind.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class NegativeListForm(forms.Form):
    title = forms.CharField(label=_("事项"), max_length=200)
    legal_basis = forms.ModelChoiceField(label=_("法定依据"), queryset=LegalBasis.objects.filter(active=True))
    description = forms.CharField(label=_("说明"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ValidityForm(forms.Form):
    validity = forms.ChoiceField(label=_("有效性"), choices=Validity.choices)
    changed_on = forms.DateField(label=_("修改、废止或失效日期"), required=False)
    replaced_by = forms.CharField(label=_("修订或替代它的文件的索引号"), max_length=80, required=False)
