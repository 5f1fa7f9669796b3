from django.urls import path

from . import office_views

app_name = "links"
urlpatterns = [
    path("<slug:code>/", office_views.links, name="links"),
]
