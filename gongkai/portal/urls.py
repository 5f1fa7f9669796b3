from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("org/<slug:code>/", views.organisation, name="organisation"),
    path("org/<slug:code>/guide/", views.column_guide, name="column_guide"),
    path("org/<slug:code>/rules/", views.column_rules, name="column_rules"),
    path("org/<slug:code>/statutory/", views.column_statutory, name="column_statutory"),
    path("org/<slug:code>/reports/", views.column_reports, name="column_reports"),
    path("org/<slug:code>/apply/", views.column_apply, name="column_apply"),
    path("org/<slug:code>/servicebook/", views.servicebook_page, name="servicebook"),
    path("org/<slug:code>/servicebook.pdf", views.servicebook_pdf, name="servicebook_pdf"),
    path("column/<slug:entry>/", views.column_choose, name="column_choose"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("care-mode/", views.care_mode, name="care_mode"),
    path("language/", views.language, name="language"),
    path("catalogs/<int:pk>/", views.catalog, name="catalog"),
    path("catalogs/<int:pk>/items/<int:item_pk>/", views.catalog_item, name="catalog_item"),
    path("catalogs/<int:pk>/download.<str:fmt>", views.catalog_download, name="catalog_download"),
]
