from django.urls import path

from . import rollup_views, views

app_name = "reports_office"
urlpatterns = [
    path("", views.office_list, name="list"),
    path("overview/", views.office_overview, name="overview"),
    path("rollup/", rollup_views.office_rollup, name="rollup"),
    path("rollup/cell/", rollup_views.office_rollup_cell, name="rollup_cell"),
    path("<int:pk>/", views.office_report, name="report"),
    path("<int:pk>/figure/", views.office_figure, name="figure"),
    path("<int:pk>/action/<slug:name>/", views.office_transition, name="transition"),
    path("<int:pk>/cell/<str:key>/", views.office_cell, name="cell"),
]
