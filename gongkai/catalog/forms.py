"""Forms of the catalog's office pages. Completeness is enforced on submission, not here."""
from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import AUDIENCES, CHANNELS, LEVELS, MODES

NEW_GROUP = "__new__"


def _choices(values):
    return [(v, v) for v in values]


class CatalogItemForm(forms.Form):
    """The elements of a catalog item."""

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


class LocalItemForm(CatalogItemForm):
    """A new local item: its first-level group is chosen from the catalog's, or added explicitly."""

    first_level = forms.ChoiceField(label=_("一级事项"))
    new_first_level = forms.CharField(
        label=_("新增一级事项名称"), max_length=60, required=False,
        help_text=_("仅在上方选择“新增一级事项”时填写。"),
    )
    field_order = ("first_level", "new_first_level")

    def __init__(self, *args, groups: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["anomalies_checked_note"]
        self.fields["first_level"].choices = [("", _("请选择")), *_choices(groups), (NEW_GROUP, _("新增一级事项…"))]

    def clean(self):
        data = super().clean()
        if data.get("first_level") == NEW_GROUP:
            name = (data.get("new_first_level") or "").strip()
            if not name:
                self.add_error("new_first_level", _("选择“新增一级事项”时，请填写其名称。"))
        return data

    def service_data(self) -> tuple[dict, bool]:
        """Return (item data, whether the first-level group is new) for ``catalog_item_add``."""
        data = dict(self.cleaned_data)
        new_name = data.pop("new_first_level", "").strip()
        is_new = data["first_level"] == NEW_GROUP
        if is_new:
            data["first_level"] = new_name
        return data, is_new


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
