"""Public pages: organisations and their published catalogs. Anonymous users see published data only."""
from pathlib import Path

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control
from django.views.i18n import set_language

from gongkai.catalog import selectors
from gongkai.catalog.models import Catalog, CatalogVersion
from gongkai.catalog.presentation import group_items, item_boxes
from gongkai.catalog.states import VersionStatus
from gongkai.core.preferences import preference_switch
from gongkai.organisations.models import Organisation

from gongkai.newmedia import selectors as newmedia_selectors
from gongkai.records import deadlines as record_deadlines
from gongkai.records import selectors as record_selectors

from . import column, servicebook


def home(request):
    organisations = list(Organisation.objects.all())
    published = {c.organisation_id for c in selectors.published_catalogs() if c.organisation_id}
    return render(request, "portal/home.html", {
        "entries": column.ENTRIES,
        "organisations": organisations,
        "published_ids": published,
        "templates": selectors.templates(),
        "latest": column.latest_publications(),
    })


def organisation(request, code):
    org = get_object_or_404(Organisation, code=code)
    return render(request, "portal/organisation.html", {
        "org": org,
        "catalogs": selectors.published_catalogs(org),
        "children": org.children.all(),
        "ancestors": org.ancestors(),
        "templates": selectors.templates(),
        "column": column.column_links(org),
        "guide": column.guide_of(org),
        "newmedia_count": newmedia_selectors.public_count(org),
    })


def column_choose(request, entry):
    """List the organisations, each linking to its page of one column entry (from the home page tiles)."""
    chosen = column.ENTRY_BY_SLUG.get(entry)
    if chosen is None:
        raise Http404
    organisations = [(org, column.entry_url(entry, org)) for org in Organisation.objects.order_by("path")]
    return render(request, "portal/column_choose.html", {"entry": chosen, "organisations": organisations,
                                                         "entries": column.ENTRIES})


def _column_page(request, code, entry, template, **extra):
    org = get_object_or_404(Organisation, code=code)
    context = {"org": org, "ancestors": org.ancestors(), "entry": column.ENTRY_BY_SLUG[entry],
               "column": column.column_links(org)}
    context.update({k: (v(org) if callable(v) else v) for k, v in extra.items()})
    return render(request, template, context)


def column_guide(request, code):
    return _column_page(request, code, "guide", "portal/column_guide.html", guide=column.guide_of,
                        catalogs=selectors.published_catalogs)


def column_rules(request, code):
    def page(org):
        return Paginator(column.rules_records(org), 20).get_page(request.GET.get("page"))

    return _column_page(request, code, "rules", "portal/column_rules.html", page=page,
                        rules_item_keys=column.RULES_ITEM_KEYS)


def column_statutory(request, code):
    return _column_page(request, code, "statutory", "portal/column_statutory.html", content=column.statutory_content)


def column_reports(request, code):
    return _column_page(request, code, "reports", "portal/column_reports.html", reports=column.annual_reports)


def column_apply(request, code):
    return _column_page(request, code, "apply", "portal/column_apply.html",
                        application_forms=column.application_form_urls(), guide=column.guide_of)


def _version_for(request, catalog: Catalog) -> CatalogVersion:
    """Return the version to show: the published one, or ?version=N when the user may see it."""
    number = request.GET.get("version")
    if number:
        try:
            version = catalog.versions.get(number=int(number))
        except (ValueError, CatalogVersion.DoesNotExist):
            raise Http404
        if not selectors.can_view_version(request.user, version):
            raise Http404
        return version
    version = catalog.published_version
    if version is None:
        raise Http404
    return version


def catalog(request, pk):
    catalog = get_object_or_404(Catalog.objects.select_related("organisation", "template"), pk=pk)
    version = _version_for(request, catalog)
    items = [i for i in version.items.all() if not i.retired]
    for item in items:
        item.boxes = item_boxes(item)
    return render(request, "portal/catalog.html", {
        "catalog": catalog,
        "version": version,
        "groups": group_items(items),
        "is_published": version.status == VersionStatus.PUBLISHED,
        "query_suffix": f"?version={version.number}" if request.GET.get("version") else "",
    })


def catalog_item(request, pk, item_pk):
    catalog = get_object_or_404(Catalog.objects.select_related("organisation"), pk=pk)
    version = _version_for(request, catalog)
    item = get_object_or_404(version.items, pk=item_pk, retired=False)
    item.boxes = item_boxes(item)
    # Items without a fixed count of days: 条例第二十六条's 20 working days apply unless the
    # organisation has set a stricter target of its own for the item.
    backstop = (item.time_limit_rule or {}).get("kind") in record_deadlines.BACKSTOP_KINDS
    target = record_selectors.item_targets(catalog.organisation).get(item.key) if catalog.organisation_id else None
    return render(request, "portal/catalog_item.html", {
        "catalog": catalog, "version": version, "item": item, "backstop": backstop,
        "backstop_days": record_deadlines.ART26_WORKING_DAYS, "target": target})


def _download_name(catalog, version, ext):
    return f"catalog-{catalog.pk}-v{version.number}.{ext}"


def catalog_download(request, pk, fmt):
    from gongkai.catalog import exports

    catalog = get_object_or_404(Catalog.objects.select_related("organisation", "template"), pk=pk)
    version = _version_for(request, catalog)
    if fmt == "json":
        response = JsonResponse(exports.catalog_document(catalog, version), json_dumps_params={"ensure_ascii": False, "indent": 2})
    elif fmt == "xlsx":
        response = HttpResponse(
            exports.catalog_xlsx(catalog, version),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    elif fmt == "pdf":
        response = HttpResponse(exports.catalog_pdf(catalog, version), content_type="application/pdf")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{_download_name(catalog, version, fmt)}"'
    return response


FAVICON = Path(__file__).resolve().parent / "static" / "portal" / "favicon.ico"


@cache_control(max_age=7 * 24 * 3600, public=True)
def favicon(request):
    """/favicon.ico, which browsers ask for at the site root whatever the page links (served by the app)."""
    return FileResponse(FAVICON.open("rb"), content_type="image/x-icon")


CARE_COOKIE = "gk_care"
CARE_COOKIE_AGE = 365 * 24 * 3600


@preference_switch
def care_mode(request):
    """Switch the elder-friendly mode (关怀模式) on or off; the choice is kept in a cookie for a year."""
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)  # a path, never a view name ("abc" would not reverse)
    if request.POST.get("care") == "1":
        response.set_cookie(CARE_COOKIE, "1", max_age=CARE_COOKIE_AGE, samesite="Lax", httponly=True,
                            secure=request.is_secure())
    else:
        response.delete_cookie(CARE_COOKIE, samesite="Lax")
    return response


# The footer's language switch: Django's view, posted without a CSRF token (gongkai.core.preferences).
language = preference_switch(set_language)


def servicebook_page(request, code):
    """The organisation's 办事一本通, compiled from current data (page-cached; see portal.servicebook)."""
    org = get_object_or_404(Organisation, code=code)
    return render(request, "portal/servicebook.html", {"org": org, "book": servicebook.compile_book(org),
                                                       "ancestors": org.ancestors()})


def servicebook_pdf(request, code):
    org = get_object_or_404(Organisation, code=code)
    book = servicebook.compile_book(org)
    html = render(request, "portal/servicebook_print.html", {"org": org, "book": book}).content.decode()
    response = HttpResponse(servicebook.book_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="servicebook-{org.code}.pdf"'
    return response
