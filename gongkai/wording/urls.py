from django.urls import path

from . import office_views

app_name = "wording"
urlpatterns = [
    path("", office_views.home, name="home"),
    path("template.xlsx", office_views.import_template, name="template"),
    path("<slug:org_code>/", office_views.rules, name="rules"),
    path("<slug:org_code>/rules/new/", office_views.rule_edit, name="rule_new"),
    path("<slug:org_code>/rules/<int:pk>/", office_views.rule_edit, name="rule_edit"),
    path("<slug:org_code>/inherited/", office_views.inherited, name="inherited"),
    path("<slug:org_code>/switch/", office_views.switch, name="switch"),
    path("<slug:org_code>/leaders/", office_views.leaders, name="leaders"),
    path("<slug:org_code>/leaders/<int:pk>/", office_views.leaders, name="tenure_edit"),
    path("<slug:org_code>/import/", office_views.import_rules, name="import"),
    path("<slug:org_code>/check/", office_views.check, name="check"),
]
