from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.constants import AUDIENCES, CHANNELS, LEVELS, MODES


def _choices(values):
    return [(v, v) for v in values]


class CatalogItemForm(forms.Form):
    """The elements of a catalog item. Completeness is enforced on submission, not here."""

    first_level = forms.CharField(label=_("一级事项"), max_length=60)
    second_level = forms.CharField(label=_("二级事项"), max_length=120)
    content = forms.CharField(label=_("公开内容"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    basis = forms.CharField(label=_("公开依据"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    time_limit_text = forms.CharField(label=_("公开时限"), max_length=200, required=False)
    subject = forms.CharField(label=_("公开主体"), max_length=120, required=False)
    channels = forms.MultipleChoiceField(label=_("公开渠道和载体"), choices=_choices(CHANNELS),
                                         widget=forms.CheckboxSelectMultiple, required=False)
    audience = forms.MultipleChoiceField(label=_("公开对象"), choices=_choices(AUDIENCES),
                                         widget=forms.CheckboxSelectMultiple, required=False)
    mode = forms.MultipleChoiceField(label=_("公开方式"), choices=_choices(MODES),
                                     widget=forms.CheckboxSelectMultiple, required=False)
    level = forms.MultipleChoiceField(label=_("公开层级"), choices=_choices(LEVELS),
                                      widget=forms.CheckboxSelectMultiple, required=False)
    anomalies_checked_note = forms.CharField(
        label=_("原表异常核对说明"), required=False, max_length=500,
        help_text=_("填写后，本事项的原表异常标记即视为已人工核对。"),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("审核意见"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False)
