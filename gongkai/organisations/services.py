"""Writes to the organisation tree.

The tree is stored as a materialised path of codes (``sx/sx-jc/sx-jc-zz/``) so supervision is one
indexed prefix match. A code or parent change therefore changes the path of every descendant:
``organisation_move`` is the only way to make one, and it rewrites the whole subtree in one
statement inside the transaction, with an audit event.
"""
from __future__ import annotations

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.core import audit
from gongkai.core.errors import ValidationFailed

from .models import Organisation
from .permissions import Action, require
from .validators import credit_code_problem, normalise_credit_code


@audit.register
class OrganisationEvent(audit.EventType):
    MOVED = "organisation.moved", gettext_lazy("调整机构代码或上级机构")
    CREDIT_CODE_SET = "organisation.credit_code_set", gettext_lazy("设置统一社会信用代码")


audit.register_values("path", {}, label=gettext_lazy("层级路径"))
audit.register_values("code", {}, label=gettext_lazy("机构代码"))
audit.register_values("parent", {}, label=gettext_lazy("上级机构"))
audit.register_values("credit_code", {}, label=gettext_lazy("统一社会信用代码"))


def _snapshot(org: Organisation) -> dict:
    return {"code": org.code, "parent": org.parent.name if org.parent_id else "", "path": org.path}


def organisation_move(*, organisation: Organisation, actor, new_parent: Organisation | None = None,
                      new_code: str | None = None, keep_parent: bool = False, reason: str = "",
                      trusted: bool = False) -> Organisation:
    """Give `organisation` a new parent and/or code and rewrite the paths of its whole subtree.

    ``keep_parent=True`` changes only the code. The actor needs ``organisation.admin`` over the
    organisation and over the new parent (``trusted=True`` is for system set-up only).
    """
    with transaction.atomic():
        org = Organisation.objects.select_for_update().get(pk=organisation.pk)
        parent = org.parent if keep_parent else new_parent
        if parent is not None:
            parent = Organisation.objects.select_for_update().get(pk=parent.pk)
        code = (new_code if new_code is not None else org.code).strip()
        if not trusted:
            require(actor, Action.ORGANISATION_ADMIN, org)
            if parent is not None:
                require(actor, Action.ORGANISATION_ADMIN, parent)
        problems = []
        if not code or not all(c.isascii() and (c.isalnum() or c in "-_") for c in code):
            problems.append(_("机构代码只能由字母、数字、连字符和下划线组成。"))
        elif code != org.code and Organisation.objects.filter(code=code).exists():
            problems.append(_("机构代码“%(code)s”已被使用。") % {"code": code})
        if parent is not None and parent.path.startswith(org.path):
            problems.append(_("不能把机构调整到它自己或它的下级机构之下。"))
        if problems:
            raise ValidationFailed(_("无法调整机构。"), problems=problems)
        before = _snapshot(org)
        old_path = org.path
        new_path = (parent.path if parent is not None else "") + code + "/"
        if new_path == old_path:
            raise ValidationFailed(_("无法调整机构。"), problems=[_("机构代码和上级机构都没有变化。")])
        Organisation.objects.filter(pk=org.pk).update(code=code, parent=parent)
        # One statement for the whole subtree: new prefix + the rest of each path.
        Organisation.objects.filter(path__startswith=old_path).update(
            path=Concat(Value(new_path), Substr(F("path"), len(old_path) + 1)))
        org.refresh_from_db()
        audit.record(OrganisationEvent.MOVED, actor=actor, organisation=org, target=org,
                     before=before, after=_snapshot(org), reason=reason)
    return org


def organisation_set_credit_code(*, organisation: Organisation, actor, credit_code: str,
                                 trusted: bool = False) -> Organisation:
    """Record the organisation's unified social credit code (check digit verified)."""
    with transaction.atomic():
        org = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if not trusted:
            require(actor, Action.ORGANISATION_ADMIN, org)
        value = normalise_credit_code(credit_code)
        problem = credit_code_problem(value) if value else None
        if problem:
            raise ValidationFailed(_("统一社会信用代码无效。"), problems=[problem])
        before = {"credit_code": org.credit_code}
        org.credit_code = value
        org.save(update_fields=["credit_code", "updated_at"])
        audit.record(OrganisationEvent.CREDIT_CODE_SET, actor=actor, organisation=org, target=org,
                     before=before, after={"credit_code": value})
    return org
