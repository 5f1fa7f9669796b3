from django.urls import path

from . import views

app_name = "records"
urlpatterns = [
    path("", views.browse, name="browse"),
    path("search/", views.search, name="search"),
    path("<int:pk>/", views.record, name="record"),
    path("<int:pk>/interpretation/", views.interpretation, name="interpretation"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment, name="attachment"),
    path("feeds/rss/<slug:org_code>/<path:item_key>", views.CatalogItemFeed(), name="feed_rss"),
    path("feeds/atom/<slug:org_code>/<path:item_key>", views.CatalogItemAtomFeed(), name="feed_atom"),
]
