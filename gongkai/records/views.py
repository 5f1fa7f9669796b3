"""Public pages: published records, attachments, feeds and search. Unpublished work answers 404."""
from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from gongkai.catalog.models import CatalogItem
from gongkai.catalog.selectors import active_items
from gongkai.catalog.states import VersionStatus
from gongkai.core import clock
from gongkai.core.paging import CappedPaginator
from gongkai.organisations.models import Organisation
from gongkai.organisations.permissions import Action, can

from . import selectors
from .models import Attachment, Interpretation, Record
from .search.query import search as run_search
from .states import RecordStatus


def _published_or_404(pk) -> Record:
    return get_object_or_404(selectors.published().select_related("legal_basis"), pk=pk)


def _item_label(organisation, key):
    item = CatalogItem.objects.filter(version__catalog__organisation=organisation, key=key).order_by(
        "-version__number").first()
    return item


def _filter_choices(org):
    """Return the organisations with a published catalog, and the active items of `org`'s catalogs.

    Read from the small catalog tables, never by scanning the records (a million rows).
    """
    orgs = Organisation.objects.filter(catalogs__versions__status=VersionStatus.PUBLISHED).distinct()
    items = []
    if org is not None:
        items = list(active_items(org))
    return orgs, items


def _years() -> list[int]:
    # The regulation's first version took effect in 2008; no query over the records is needed.
    return list(range(clock.today().year, 2007, -1))


def _year_param(request) -> int | None:
    """Return the year filter when it is one of the offered years (anything else is ignored)."""
    value = (request.GET.get("year") or "").strip()
    return int(value) if value.isdigit() and len(value) == 4 and int(value) in _years() else None


def browse(request):
    """Published records filtered by organisation, catalog item and year together, newest first, paged."""
    records = selectors.published().select_related("organisation", "replaced_by").order_by("-published_at", "-pk")
    org = None
    item = None
    item_key = ""
    if request.GET.get("org"):
        org = get_object_or_404(Organisation, code=request.GET["org"])
        records = records.filter(organisation=org)
        if request.GET.get("item"):
            item_key = request.GET["item"][:80]
            item = _item_label(org, item_key)
            records = records.filter(catalog_key=item_key)
    year = _year_param(request)
    if year is not None:
        start = timezone.make_aware(dt.datetime(year, 1, 1))
        records = records.filter(published_at__gte=start, published_at__lt=start.replace(year=year + 1))
    page = CappedPaginator(records, 20).get_page(request.GET.get("page"))
    orgs, items = _filter_choices(org)
    query = {k: v for k, v in (("org", org.code if org else ""), ("item", item_key), ("year", year or "")) if v}
    return render(request, "records/portal/browse.html", {
        "page": page, "org": org, "item": item, "orgs": orgs, "items": items, "item_key": item_key,
        "year": year, "years": _years(), "filters": urlencode(query),
    })


def record(request, pk):
    record = _published_or_404(pk)
    interpretation = Interpretation.objects.filter(record=record).first() if record.needs_interpretation else None
    return render(request, "records/portal/record.html", {
        "record": record, "attachments": record.attachments.all(), "interpretation": interpretation,
    })


def interpretation(request, pk):
    record = _published_or_404(pk)
    interp = get_object_or_404(Interpretation, record=record)
    return render(request, "records/portal/interpretation.html", {"record": record, "interpretation": interp})


def attachment(request, pk, attachment_pk):
    """Serve an attachment: the public copy of a published record, or the original to its own staff.

    Files live in the default storage (MEDIA_ROOT on disk, or S3) with random names and no public URL;
    this view is the only way in.
    """
    att = get_object_or_404(Attachment.objects.select_related("record__organisation"), pk=attachment_pk, record_id=pk)
    record = att.record
    staff = can(request.user, Action.RECORD_VIEW_UNPUBLISHED, record.organisation)
    if record.status != RecordStatus.PUBLISHED and not staff:
        raise Http404
    # The public always gets the masked copy when there is one; staff get the original unless they ask.
    want_original = staff and bool(request.GET.get("original") or (record.status != RecordStatus.PUBLISHED
                                                                   and not request.GET.get("masked")))
    use_masked = bool(att.masked_file) and not want_original
    field = att.masked_file if use_masked else att.file
    name = att.original_name
    if use_masked:
        stem, _dot, ext = name.rpartition(".")
        if att.kind == "pdf":
            name = f"{stem or name}（遮蔽版）.pdf"
        else:
            name = f"{stem or name}（遮蔽版）.{ext}"
    try:
        handle = field.open("rb")
    except (FileNotFoundError, ValueError):  # not (yet) in storage: the write happens after commit
        raise Http404 from None
    response = FileResponse(handle, content_type=att.content_type, as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    if record.status != RecordStatus.PUBLISHED:
        response["Cache-Control"] = "private, no-store"
    return response


def search(request):
    query = (request.GET.get("q") or "").strip()[:100]
    org = Organisation.objects.filter(code=request.GET.get("org")).first() if request.GET.get("org") else None
    item_key = (request.GET.get("item") or "").strip()[:80] or None
    year = _year_param(request)
    page_text = (request.GET.get("page") or "1").strip()
    page = int(page_text) if page_text.isdigit() and len(page_text) <= 4 else 1
    order = "relevance" if request.GET.get("order") == "relevance" else "newest"
    results = run_search(query, organisation_id=org.pk if org else None, catalog_key=item_key, year=year,
                         page=page, order=order) if query else None
    orgs, items = _filter_choices(org)
    return render(request, "records/portal/search.html", {
        "query": query, "results": results, "orgs": orgs, "org": org, "items": items, "item_key": item_key or "",
        "year": year, "years": _years(), "order": order,
    })


class CatalogItemFeed(Feed):
    """RSS 2.0 feed of the records published under one catalog item of one organisation."""

    description_template = None

    def get_object(self, request, org_code, item_key):
        org = get_object_or_404(Organisation, code=org_code)
        item = _item_label(org, item_key)
        if item is None:
            raise Http404
        return org, item

    def title(self, obj):
        org, item = obj
        return f"{org.name} · {item.second_level}"

    def link(self, obj):
        org, item = obj
        return reverse("records:browse") + f"?org={org.code}&item={item.key}"

    def description(self, obj):
        org, item = obj
        return _("%(org)s在“%(item)s”事项下主动公开的政府信息") % {"org": org.name, "item": item.second_level}

    def items(self, obj):
        org, item = obj
        return selectors.published().filter(organisation=org, catalog_key=item.key).order_by("-published_at")[:50]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.body[:200]

    def item_pubdate(self, item):
        return item.published_at

    def item_guid(self, item):
        return item.index_number

    item_guid_is_permalink = False


class CatalogItemAtomFeed(CatalogItemFeed):
    feed_type = Atom1Feed
    subtitle = CatalogItemFeed.description
