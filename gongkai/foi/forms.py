"""Forms of the public intake and the back office. They validate input; services decide."""
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gongkai.core import validators
from gongkai.core.idempotency import IdempotencyTokenField
from gongkai.organisations.models import Unit

from .constants import (
    AppealKind, AppealResult, ApplicantType, Channel, Delivery, IdentityDocument, InfoForm,
)
from .fees import SCHEMES
from .services import MAX_DESCRIPTION, Application



class DateInput(forms.DateInput):
    """``<input type=date>`` takes only ISO dates (2026-12-07): never the locale's 2026/12/07."""

    input_type = "date"

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs, format=format or "%Y-%m-%d")


DATE = DateInput()


class ApplicationForm(forms.Form):
    """第二十九条: who applies, what information, in which form."""

    applicant_type = forms.ChoiceField(label=_("申请人类型"), choices=ApplicantType.choices, widget=forms.RadioSelect,
                                       initial=ApplicantType.NATURAL)
    applicant_name = forms.CharField(label=_("姓名或名称"), max_length=120,
                                     help_text=_("自然人填写姓名；法人或其他组织填写单位全称。"))
    id_document_type = forms.ChoiceField(label=_("身份证明类型"), choices=IdentityDocument.choices,
                                         initial=IdentityDocument.ID_CARD)
    id_number = forms.CharField(label=_("证件号码"), max_length=40,
                                help_text=_("居民身份证为18位，系统校验出生日期和校验位。"))
    contact_person = forms.CharField(label=_("联系人"), max_length=60, required=False,
                                     help_text=_("法人或其他组织申请时必填。"))
    phone = forms.CharField(label=_("联系电话"), max_length=30)
    email = forms.EmailField(label=_("电子邮箱"), required=False, max_length=254)
    address = forms.CharField(label=_("通信地址"), max_length=200, required=False)
    postal_code = forms.CharField(label=_("邮政编码"), max_length=12, required=False)
    description = forms.CharField(label=_("所需信息的内容描述"), max_length=MAX_DESCRIPTION,
                                  widget=forms.Textarea(attrs={"rows": 5}),
                                  help_text=_("请尽量写明信息的名称、时间范围等特征，便于检索。"))
    document_title = forms.CharField(label=_("文件名称（如知道）"), max_length=200, required=False)
    document_number = forms.CharField(label=_("文号（如知道）"), max_length=100, required=False)
    purpose = forms.CharField(label=_("用途说明（选填）"), max_length=300, required=False)
    info_form = forms.ChoiceField(label=_("信息的载体形式"), choices=InfoForm.choices, widget=forms.RadioSelect,
                                  initial=InfoForm.ELECTRONIC)
    delivery = forms.ChoiceField(label=_("获取信息的方式"), choices=Delivery.choices, widget=forms.RadioSelect,
                                 initial=Delivery.ONLINE)

    idempotency_token = IdempotencyTokenField()

    # Free text: invisible formatting characters dropped; refused when nothing visible is left.
    TEXT_FIELDS = ("applicant_name", "contact_person", "address", "description", "document_title",
                   "document_number", "purpose")

    def _clean_text(self, name):
        value = validators.clean_text(self.cleaned_data.get(name, ""))
        if name in ("applicant_name", "contact_person"):  # names: no invisible characters at all
            value = "".join(c for c in value if unicodedata.category(c) != "Cf")
        validators.validate_visible(value)
        if self.fields[name].required and not value:
            raise ValidationError(_("内容只含有不可见字符，请填写实际内容。"), code="invisible")
        return value

    def clean_applicant_name(self):
        return self._clean_text("applicant_name")

    def clean_contact_person(self):
        return self._clean_text("contact_person")

    def clean_address(self):
        return self._clean_text("address")

    def clean_description(self):
        return self._clean_text("description")

    def clean_document_title(self):
        return self._clean_text("document_title")

    def clean_document_number(self):
        return self._clean_text("document_number")

    def clean_purpose(self):
        return self._clean_text("purpose")

    def clean_id_number(self):
        value = validators.normalise_id_number(self.cleaned_data["id_number"])
        if not (value.isascii() and value.isprintable()):
            raise ValidationError(_("证件号码只能由数字、字母和常用符号组成。"), code="id_ascii")
        return value

    def clean_phone(self):
        value = validators.normalise_phone(self.cleaned_data["phone"])
        validators.validate_phone(value)
        return value

    def clean_postal_code(self):
        value = validators.normalise_postal_code(self.cleaned_data.get("postal_code", ""))
        if value:
            validators.validate_postal_code(value)
        return value

    def clean(self):
        data = super().clean()
        doc, number = data.get("id_document_type"), data.get("id_number")
        if doc == IdentityDocument.ID_CARD and number:
            try:
                validators.validate_id_number(number)
            except ValidationError as exc:
                self.add_error("id_number", exc)
        if doc == IdentityDocument.CREDIT_CODE and number:
            try:
                validators.validate_credit_code(number)
            except ValidationError as exc:
                self.add_error("id_number", exc)
        kind = data.get("applicant_type")
        if kind == ApplicantType.NATURAL and doc == IdentityDocument.CREDIT_CODE:
            self.add_error("id_document_type", _("自然人请选择个人身份证件。"))
        if kind and kind != ApplicantType.NATURAL and not data.get("contact_person"):
            self.add_error("contact_person", _("法人或其他组织申请的，请填写联系人。"))
        if data.get("delivery") == Delivery.EMAIL and not data.get("email"):
            self.add_error("email", _("选择电子邮件获取的，请填写电子邮箱。"))
        if data.get("delivery") == Delivery.MAIL and not data.get("address"):
            self.add_error("address", _("选择邮寄获取的，请填写通信地址。"))
        return data

    def application(self) -> Application:
        d = self.cleaned_data
        return Application(**{name: d.get(name) or "" for name in (
            "applicant_type", "applicant_name", "id_document_type", "id_number", "phone", "description",
            "info_form", "delivery", "email", "address", "postal_code", "contact_person", "document_number",
            "document_title", "purpose")})


class RegisterForm(ApplicationForm):
    """A request registered by the office, with the dates 第三十一条 needs."""

    field_order = ["channel", "arrived_on", "confirmed_on"]
    channel = forms.ChoiceField(label=_("申请渠道"), choices=[c for c in Channel.choices if c[0] != Channel.ONLINE])
    arrived_on = forms.DateField(label=_("提交/签收/收到日期"), widget=DATE,
                                 help_text=_("当面提交：提交之日；邮寄：签收之日；平常信函、传真、电子邮件：收到之日。"))
    confirmed_on = forms.DateField(label=_("与申请人确认日期"), widget=DATE, required=False,
                                   help_text=_("平常信函、传真、电子邮件以双方确认之日为收到申请之日（第三十一条）。"))


class TrackForm(forms.Form):
    number = forms.CharField(label=_("申请编号"), max_length=64)
    secret = forms.CharField(label=_("查询码"), max_length=20)

    def clean_number(self):
        return validators.fold(self.cleaned_data["number"]).upper()

    def clean_secret(self):
        return validators.fold(self.cleaned_data["secret"]).upper()


class CorrectionForm(forms.Form):
    text = forms.CharField(label=_("补正内容"), max_length=MAX_DESCRIPTION, widget=forms.Textarea(attrs={"rows": 4}))

    def clean_text(self):
        value = validators.clean_text(self.cleaned_data["text"])
        validators.validate_visible(value)
        return value


class OfficeCorrectionForm(CorrectionForm):
    received_on = forms.DateField(label=_("收到补正申请日期"), widget=DATE)
    reason = forms.CharField(label=_("逾期补正的正当理由（如有）"), max_length=500, required=False)


class AssignForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("承办股室"), queryset=Unit.objects.none())
    note = forms.CharField(label=_("分办说明"), max_length=300, required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(organisation=organisation).order_by("name")


class AskCorrectionForm(forms.Form):
    items = forms.CharField(label=_("需要补正的事项"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    period_working_days = forms.IntegerField(label=_("补正期限（工作日）"), min_value=1, max_value=60, initial=15)


class FeeForm(forms.Form):
    scheme = forms.ChoiceField(label=_("收费标准（只能选一种）"), choices=[(s.code, s.label) for s in SCHEMES.values()],
                               widget=forms.RadioSelect)
    units = forms.IntegerField(label=_("本申请的件数或页数"), min_value=1, max_value=100000, initial=1)


class FeePaidForm(forms.Form):
    paid_on = forms.DateField(label=_("缴费日期"), widget=DATE)


class AppealForm(forms.Form):
    idempotency_token = IdempotencyTokenField()  # posted twice (double click, retry): one appeal
    kind = forms.ChoiceField(label=_("类型"), choices=AppealKind.choices)
    filed_on = forms.DateField(label=_("提起日期"), widget=DATE)
    authority = forms.CharField(label=_("复议机关/受理法院"), max_length=120, required=False)
    case_number = forms.CharField(label=_("案号"), max_length=80, required=False)
    note = forms.CharField(label=_("说明"), max_length=500, required=False)

    def clean(self):
        data = super().clean()
        data.pop("idempotency_token", None)  # read by IdempotencyMiddleware, not by the service
        return data


class AppealDecideForm(forms.Form):
    result = forms.ChoiceField(label=_("结果"), choices=[c for c in AppealResult.choices if c[0] != AppealResult.PENDING])
    decided_on = forms.DateField(label=_("审结日期"), widget=DATE)
    note = forms.CharField(label=_("说明"), max_length=500, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV 或 XLSX 文件"))
    dry_run = forms.BooleanField(label=_("只检查，不写入"), required=False, initial=True)
