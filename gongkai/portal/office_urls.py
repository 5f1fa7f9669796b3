"""The "office" namespace: sign-in, the dashboard and the 指南 (portal); the catalog's back office
(gongkai.catalog.office_urls) keeps its names in this namespace."""
from django.contrib.auth import views as auth_views
from django.urls import path

from gongkai.catalog.office_urls import urlpatterns as catalog_urlpatterns

from . import guide_views, office_views

app_name = "office"
urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="office/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", office_views.dashboard, name="dashboard"),
    path("orgs/<slug:org_code>/guide/", guide_views.guide_edit, name="guide_edit"),
    *catalog_urlpatterns,
]
