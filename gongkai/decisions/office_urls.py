from django.urls import path

from . import office_views as v

app_name = "decisions_office"

urlpatterns = [
    path("", v.index, name="index"),
    path("template.xlsx", v.import_template, name="template"),
    path("orgs/<slug:org_code>/new/", v.new, name="new"),
    path("orgs/<slug:org_code>/import/", v.import_file, name="import"),
    path("<int:pk>/", v.detail, name="detail"),
    path("<int:pk>/edit/", v.edit, name="edit"),
    path("<int:pk>/correct/", v.correct, name="correct"),
    path("<int:pk>/withdraw/", v.withdraw, name="withdraw"),
    path("<int:pk>/do/<slug:action>/", v.action, name="action"),
]
