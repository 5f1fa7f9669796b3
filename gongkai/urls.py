from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("gongkai.api.urls")),
    path("office/", include("gongkai.portal.office_urls")),
    path("", include("gongkai.portal.urls")),
]
