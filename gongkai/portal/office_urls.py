from django.contrib.auth import views as auth_views
from django.urls import path

from . import office_views

app_name = "office"
urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="office/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", office_views.dashboard, name="dashboard"),
]
