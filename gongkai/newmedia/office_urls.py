from django.urls import path

from . import office_views as v

app_name = "newmedia_office"

urlpatterns = [
    path("", v.index, name="index"),
    path("orgs/<slug:org_code>/open/", v.request_new, name="request_new"),
    path("accounts/<int:pk>/", v.account_detail, name="account"),
    path("accounts/<int:pk>/change/", v.account_change, name="account_change"),
    path("accounts/<int:pk>/close/", v.account_close, name="account_close"),
    path("accounts/<int:pk>/do/<slug:action>/", v.account_action, name="account_action"),
    path("requests/<int:pk>/", v.request_detail, name="request"),
    path("requests/<int:pk>/edit/", v.request_edit, name="request_edit"),
    path("requests/<int:pk>/do/<slug:action>/", v.request_action, name="request_action"),
]
