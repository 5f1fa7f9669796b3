from django.urls import path

from . import views

app_name = "reports_office"
urlpatterns = [
    path("", views.office_list, name="list"),
    path("overview/", views.office_overview, name="overview"),
    path("<int:pk>/", views.office_report, name="report"),
    path("<int:pk>/figure/", views.office_figure, name="figure"),
    path("<int:pk>/action/<slug:name>/", views.office_transition, name="transition"),
    path("<int:pk>/cell/<str:key>/", views.office_cell, name="cell"),
]
