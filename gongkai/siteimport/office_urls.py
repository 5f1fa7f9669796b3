from django.urls import path

from . import office_views as v

app_name = "siteimport"
urlpatterns = [
    path("", v.home, name="home"),
    path("mapping/", v.mapping_confirm, name="mapping"),
    path("template.xlsx", v.template, name="template"),
    path("<int:pk>/", v.job_detail, name="job"),
    path("<int:pk>/confirm/", v.job_confirm, name="confirm"),
    path("<int:pk>/report.xlsx", v.job_report, name="report"),
]
