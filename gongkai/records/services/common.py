"""What the records services share: the editable fields, input validation, review steps, file effects."""
from __future__ import annotations

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from gongkai.core import clock
from gongkai.core.effects import touch

from ..models import Attachment, LegalBasis, RecordPolicy, ReviewStep
from ..states import Attribute, DocumentType

RECORD_FIELDS = ("title", "doc_number", "issuing_unit", "formation_date", "document_type", "issued_here", "summary",
                 "body", "attribute", "legal_basis", "attribute_reason", "touches_state_secrets", "is_major",
                 "needs_interpretation")
TEXT_FIELDS = ("title", "summary", "body")
INTERPRETATION_FIELDS = ("title", "form", "background", "objectives", "main_content", "measures", "target_group",
                         "notes", "key_terms", "differences", "interpreting_body", "media_link")
INTERPRETATION_TEXT_FIELDS = ("background", "objectives", "main_content", "measures", "target_group", "notes",
                              "key_terms", "differences")


def policy_for(organisation) -> RecordPolicy:
    return RecordPolicy.objects.filter(organisation=organisation).first() or RecordPolicy(organisation=organisation)


def step(record, actor, stage: str, decision: str, opinion: str = "", referred_to: str = "") -> None:
    """Write the review step shown in the record's "审查意见" list."""
    ReviewStep.objects.create(record=record, stage=stage, decision=decision, opinion=opinion or "",
                              referred_to=referred_to, actor=actor, created_at=clock.now())


def validate_attribute(data: dict) -> list[str]:
    problems = []
    if data.get("attribute") == Attribute.NOT_DISCLOSED:
        if not data.get("legal_basis"):
            problems.append(_("拟不予公开的，必须选择法定依据。"))
        if not (data.get("attribute_reason") or "").strip():
            problems.append(_("拟不予公开的，必须说明理由。"))
    if data.get("attribute") == Attribute.ON_REQUEST and not (data.get("attribute_reason") or "").strip():
        problems.append(_("拟依申请公开的，必须说明理由。"))
    return problems


def validate_record(data: dict) -> list[str]:
    problems = []
    for field, label in (("title", _("标题")), ("issuing_unit", _("发文机关")), ("formation_date", _("成文日期"))):
        if not data.get(field):
            problems.append(_("%(f)s不能为空。") % {"f": label})
    if data.get("attribute") not in Attribute.values:
        problems.append(_("请选择公开属性。"))
    if (data.get("document_type") or "") not in ("", *DocumentType.values):
        problems.append(_("文件类型无效。"))
    basis = data.get("legal_basis")
    if basis is not None and not isinstance(basis, LegalBasis):
        problems.append(_("法定依据无效。"))
    return problems + validate_attribute(data)


# -- files: written and deleted only after the transaction commits ---------------------------

def _storage():
    return Attachment._meta.get_field("file").storage


def write_after_commit(model, pk: int, field: str, name: str, data: bytes):
    """Return an effect that writes `data` to storage under `name` once the row is committed.

    The name (a fresh random path) is stored in the row inside the transaction; the bytes are
    written after commit, so a rolled-back transaction leaves no file behind. Should the write
    fail, the row is removed (or its reference cleared) rather than left pointing at nothing.
    """
    def effect():
        storage = _storage()
        try:
            saved = storage.save(name, ContentFile(data))
        except Exception:
            if field == "file":  # an attachment without its file is no attachment
                model.objects.filter(pk=pk).delete()
            else:
                model.objects.filter(pk=pk).update(**{field: ""})
            touch(model)  # an unaudited change after the commit: public pages follow (core.effects)
            raise
        if saved != name:
            model.objects.filter(pk=pk).update(**{field: saved})
            touch(model)
    return effect


def delete_after_commit(*names: str):
    """Return an effect that deletes stored files once the rows no longer point at them."""
    def effect():
        storage = _storage()
        for name in names:
            if name:
                storage.delete(name)
    return effect
