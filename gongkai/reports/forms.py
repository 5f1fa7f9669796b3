from django import forms
from django.utils.translation import gettext_lazy as _


class NarrativeForm(forms.Form):
    overview = forms.CharField(label=_("一、总体情况"), widget=forms.Textarea(attrs={"rows": 12}), required=False)
    problems = forms.CharField(label=_("五、存在的主要问题及改进情况"), widget=forms.Textarea(attrs={"rows": 8}), required=False)
    other = forms.CharField(label=_("六、其他需要报告的事项"), widget=forms.Textarea(attrs={"rows": 4}), required=False)


class OpenReportForm(forms.Form):
    year = forms.IntegerField(label=_("报告年度"), min_value=2008, max_value=2100)
