"""URLs of the catalog's back office. They are part of the "office" namespace (gongkai.portal.office_urls
adds them), so their names and paths stay office:catalog, /office/catalogs/<pk>/ and so on."""
from django.urls import path

from . import office_views as v

urlpatterns = [
    path("overview/", v.overview, name="overview"),
    path("orgs/<slug:org_code>/derive/<str:domain>/", v.catalog_derive, name="catalog_derive"),
    path("catalogs/<int:pk>/", v.catalog_workspace, name="catalog"),
    path("catalogs/<int:pk>/history/", v.catalog_history, name="catalog_history"),
    path("catalogs/<int:pk>/new-version/", v.version_start, name="version_start"),
    path("versions/<int:version_pk>/add-item/", v.item_add, name="item_add"),
    path("versions/<int:version_pk>/submit/", v.version_submit, name="version_submit"),
    path("versions/<int:version_pk>/review/", v.version_review, name="version_review"),
    path("versions/<int:version_pk>/diff/", v.version_diff, name="version_diff"),
    path("items/<int:item_pk>/edit/", v.item_edit, name="item_edit"),
    path("items/<int:item_pk>/retire/", v.item_retire, name="item_retire"),
]
