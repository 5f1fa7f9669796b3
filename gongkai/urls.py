from django.contrib import admin
from django.urls import include, path, re_path

from gongkai.siteimport.views import old_address

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("gongkai.api.urls")),
    path("requests/", include("gongkai.foi.urls")),
    path("office/requests/", include("gongkai.foi.office_urls")),
    path("records/", include("gongkai.records.urls")),
    path("office/records/", include("gongkai.records.office_urls")),
    path("office/proofing/", include("gongkai.proofing.office_urls")),
    path("reports/", include("gongkai.reports.urls")),
    path("office/reports/", include("gongkai.reports.office_urls")),
    path("decisions/", include("gongkai.decisions.urls")),
    path("office/decisions/", include("gongkai.decisions.office_urls")),
    path("participation/", include("gongkai.engagement.urls")),
    path("office/engagement/", include("gongkai.engagement.office_urls")),
    path("outreach/", include("gongkai.outreach.urls")),
    path("office/outreach/", include("gongkai.outreach.office_urls")),
    path("newmedia/", include("gongkai.newmedia.urls")),
    path("office/newmedia/", include("gongkai.newmedia.office_urls")),
    path("office/oversight/", include("gongkai.oversight.urls")),
    path("office/links/", include("gongkai.links.urls")),
    path("office/import/", include("gongkai.siteimport.office_urls")),
    path("office/wording/", include("gongkai.wording.urls")),
    path("office/", include("gongkai.portal.office_urls")),
    path("", include("gongkai.portal.urls")),
    # Last: a page address of the office's previous site → 301 to the imported record (gongkai.siteimport).
    # Only file-like paths, so APPEND_SLASH and every other pattern behave as before.
    re_path(r"^(?P<old_path>.+\.(?:s?html?|xhtml|jsp|aspx?|php|do|action))$", old_address,
            name="siteimport_old_address"),
]

# Chinese error pages in the site's layout, whatever DEBUG is (gongkai.portal.errors).
handler400 = "gongkai.portal.errors.bad_request"
handler403 = "gongkai.portal.errors.permission_denied"
handler404 = "gongkai.portal.errors.page_not_found"
handler500 = "gongkai.portal.errors.server_error"
