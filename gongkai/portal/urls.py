from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("org/<slug:code>/", views.organisation, name="organisation"),
    path("catalogs/<int:pk>/", views.catalog, name="catalog"),
    path("catalogs/<int:pk>/items/<int:item_pk>/", views.catalog_item, name="catalog_item"),
    path("catalogs/<int:pk>/download.<str:fmt>", views.catalog_download, name="catalog_download"),
]
