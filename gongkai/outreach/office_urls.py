from django.urls import path

from . import office_views as v

app_name = "outreach_office"

urlpatterns = [
    path("", v.index, name="index"),
    path("orgs/<slug:org_code>/duties/", v.duties, name="duties"),
    path("orgs/<slug:org_code>/conferences/new/", v.conference_new, name="conference_new"),
    path("orgs/<slug:org_code>/articles/new/", v.article_new, name="article_new"),
    path("orgs/<slug:org_code>/open-days/new/", v.open_day_new, name="open_day_new"),
    path("conferences/<int:pk>/", v.conference_detail, name="conference"),
    path("conferences/<int:pk>/edit/", v.conference_edit, name="conference_edit"),
    path("conferences/<int:pk>/do/<slug:action>/", v.conference_action, name="conference_action"),
    path("articles/<int:pk>/", v.article_detail, name="article"),
    path("articles/<int:pk>/do/<slug:action>/", v.article_action, name="article_action"),
    path("open-days/<int:pk>/", v.open_day_detail, name="open_day"),
    path("open-days/<int:pk>/edit/", v.open_day_edit, name="open_day_edit"),
    path("open-days/<int:pk>/do/<slug:action>/", v.open_day_action, name="open_day_action"),
]
