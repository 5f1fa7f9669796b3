"""Reads of the link check. For other apps (oversight's inspection) plain figures and dicts only."""
from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .models import LinkCheck
from .states import FAILED, LinkStatus


def failed_rows(organisation_id: int, limit: int = 2000) -> list[dict]:
    """The organisation's links that do not work, per page (page title, public and edit address)."""
    rows = (LinkCheck.objects.filter(organisation_id=organisation_id, status__in=FAILED)
            .order_by("source", "object_id", "id")[:limit])
    return [{"source": r.source, "pk": r.object_id, "page_title": r.page_title, "page_url": r.page_url,
             "edit_url": r.edit_url, "url": r.url, "kind": r.kind, "kind_label": r.get_kind_display(),
             "status": r.status, "status_label": r.get_status_display(), "http_code": r.http_code,
             "reason": r.reason, "reason_label": reason_label(r.reason), "last_checked": r.last_checked,
             "first_failed": r.first_failed} for r in rows]


def failed_counts(organisation_ids=None) -> dict[int, int]:
    qs = LinkCheck.objects.filter(status__in=FAILED)
    if organisation_ids is not None:
        qs = qs.filter(organisation_id__in=list(organisation_ids))
    return {r["organisation_id"]: r["n"] for r in qs.values("organisation_id").annotate(n=Count("pk")).order_by()}


def summary(organisation_id: int) -> dict[str, int]:
    """Links per status for one organisation (plain counts)."""
    out = {s.value: 0 for s in LinkStatus}
    for r in LinkCheck.objects.filter(organisation_id=organisation_id).values("status").annotate(n=Count("pk")).order_by():
        out[r["status"]] = r["n"]
    return out


def by_page(rows: list[dict]) -> list[dict]:
    pages: dict[tuple, dict] = {}
    for r in rows:
        key = (r["source"], r["pk"])
        pages.setdefault(key, {"title": r["page_title"], "url": r["page_url"], "edit_url": r["edit_url"], "links": []})
        pages[key]["links"].append(r)
    return list(pages.values())


_REASONS = {
    "no_route": _("站内不存在该地址"),
    "no_object": _("所链接的信息不存在或未公开"),
    "private": _("链接指向后台或内网地址，公众无法访问"),
    "missing_file": _("附件文件缺失"),
    "scheme": _("不允许的链接协议（如 javascript:、data:）"),
    "too_long": _("链接过长"),
    "malformed": _("链接格式错误"),
    "dns": _("域名无法解析"),
    "timeout": _("访问超时"),
    "tls": _("HTTPS 证书或加密连接错误"),
    "connection": _("无法连接"),
    "http": _("服务器返回错误状态"),
    "redirect": _("跳转到不支持的地址"),
    "redirect_loop": _("跳转次数过多"),
    "denied": _("按禁止清单未检查"),
    "external_off": _("本部署未开启外部链接检查"),
}


def reason_label(code: str) -> str:
    return str(_REASONS.get(code, ""))

