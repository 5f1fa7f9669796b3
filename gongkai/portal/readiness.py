"""Is an organisation's 政府信息公开 column ready to go live? The checklist of its office's dashboard.

The 指南 comes first (条例第十二条): without the office's address, hours and telephone a citizen
cannot send a letter or come in person. Supervisors see which organisations below them lack one.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.catalog import selectors as catalog_selectors
from gongkai.core import clock
from gongkai.organisations.models import Organisation
from gongkai.organisations.permissions import Action, organisations_where

from . import column
from .models import DisclosureGuide
from .states import GuideStatus

# What a citizen needs to reach the office; a published guide always has them (services.REQUIRED).
CONTACT_FIELDS = ("office_address", "office_hours", "phone")


@dataclass(frozen=True)
class Check:
    label: str
    done: bool
    url: str
    required: bool  # the column must not go live without it


def checklist(org: Organisation, guide: DisclosureGuide | None) -> list[Check]:
    """The steps of the organisation's column, the 指南 first."""
    guide_done = bool(guide and guide.is_published and all(getattr(guide, f) for f in CONTACT_FIELDS))
    last_year = clock.today().year - 1
    return [
        Check(_("发布政府信息公开指南（含办公地址、办公时间、联系电话和通信地址）"), guide_done,
              reverse("office:guide_edit", args=[org.code]), True),
        Check(_("发布本机关政务公开事项标准目录"), catalog_selectors.published_catalogs(org).exists(),
              reverse("office:dashboard") + "#catalogs", False),
        Check(_("公开本机关政府信息公开制度"), column.rules_records(org).exists(),
              reverse("portal:column_rules", args=[org.code]), False),
        Check(_("发布上一年度政府信息公开工作年度报告（%(year)s年）") % {"year": last_year},
              column.annual_reports(org).filter(year=last_year).exists(),
              reverse("portal:column_reports", args=[org.code]), False),
    ]


def office_rows(user) -> list[dict]:
    """Per organisation whose guide the user keeps: its guide and its column checklist."""
    orgs = list(organisations_where(user, Action.GUIDE_EDIT).order_by("path"))
    guides = {g.organisation_id: g for g in DisclosureGuide.objects.filter(organisation__in=orgs)}
    rows = []
    for org in orgs:
        guide = guides.get(org.pk)
        checks = checklist(org, guide)
        rows.append({"org": org, "guide": guide, "checks": checks,
                     "ready": all(c.done for c in checks if c.required)})
    return rows


def lacking_guides(user) -> list[Organisation]:
    """Organisations the user supervises (subtree) that have no published guide, in tree order."""
    supervised = organisations_where(user, Action.OVERSIGHT_REVIEW)
    return list(supervised.exclude(disclosure_guide__status=GuideStatus.PUBLISHED).order_by("path"))
