from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("<int:pk>/", views.report_page, name="report"),
    path("<int:pk>/download.<str:fmt>", views.report_download, name="download"),
]
