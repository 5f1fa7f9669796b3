from django.urls import path

from . import views

app_name = "newmedia"

urlpatterns = [
    path("<slug:code>/", views.organisation_accounts, name="organisation"),
]
