"""The office form for the 政府信息公开指南; the service validates again and decides."""
from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from .models import DisclosureGuide
from .services import PHONE, POSTAL_CODE, REQUIRED


class GuideForm(forms.ModelForm):
    class Meta:
        model = DisclosureGuide
        fields = ["classification", "how_to_obtain", "office_name", "office_address", "office_hours",
                  "phone", "fax", "online_contact", "postal_code", "postal_address", "functions"]
        widgets = {
            "classification": forms.Textarea(attrs={"rows": 5}),
            "how_to_obtain": forms.Textarea(attrs={"rows": 5}),
            "functions": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "classification": _("本机关政府信息的分类和编排体系，例如按公开事项标准目录的一级、二级事项编排。"),
            "how_to_obtain": _("主动公开信息的查阅途径（网站、公开查阅点等）和依申请公开的提出方式。"),
            "online_contact": _("电子邮箱或网上留言地址。"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in REQUIRED:
            self.fields[name].required = True
        phone = RegexValidator(PHONE, _("只能包含数字、括号、连字符和空格。"))
        self.fields["phone"].validators.append(phone)
        self.fields["fax"].validators.append(phone)
        self.fields["postal_code"].validators.append(RegexValidator(POSTAL_CODE, _("邮政编码应为 6 位数字。")))
