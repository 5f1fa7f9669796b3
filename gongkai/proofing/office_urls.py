from django.urls import path

from . import office_views

app_name = "proofing_office"
urlpatterns = [
    path("findings/<int:pk>/apply/", office_views.finding_apply, name="apply"),
    path("findings/<int:pk>/override/", office_views.finding_override, name="override"),
]
