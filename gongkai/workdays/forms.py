"""The administrator's form for entering a year's holiday arrangement."""
from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.errors import ValidationFailed

from .formats import parse_day_list


class HolidayYearImportForm(forms.Form):
    year = forms.IntegerField(label=_("年份"), min_value=1900, max_value=2100)
    source = forms.CharField(
        label=_("依据"), max_length=300,
        help_text=_("国务院办公厅关于该年部分节假日安排的通知名称及文号。"),
    )
    days = forms.CharField(
        label=_("放假和调休上班日期"), required=False,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 60}),
        help_text=_("每行一条：“2027-02-05..2027-02-11 holiday 春节”或“2027-02-14 workday 春节调休上班”；也可粘贴 JSON。"),
    )
    file = forms.FileField(label=_("或上传文件（文本或 JSON）"), required=False)
    reason = forms.CharField(label=_("备注"), required=False, max_length=300)

    def clean(self):
        cleaned = super().clean()
        text = cleaned.get("days") or ""
        upload = cleaned.get("file")
        if upload:
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError(_("文件必须是 UTF-8 编码的文本或 JSON。")) from None
        if not text.strip():
            raise forms.ValidationError(_("请填写或上传放假和调休上班日期。"))
        try:
            parsed = parse_day_list(text)
        except ValidationFailed as exc:
            raise forms.ValidationError([exc.message, *exc.problems]) from None
        if parsed.year is not None and cleaned.get("year") and parsed.year != cleaned["year"]:
            raise forms.ValidationError(_("文件中的年份与所填年份不一致。"))
        cleaned["parsed_days"] = parsed.days
        return cleaned
