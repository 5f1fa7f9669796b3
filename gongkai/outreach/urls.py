from django.urls import path

from . import views as v

app_name = "outreach"

urlpatterns = [
    path("", v.home, name="home"),
    path("conferences/<int:pk>/", v.conference, name="conference"),
    path("open-days/<int:pk>/", v.open_day, name="open_day"),
    path("open-days/<int:pk>/signup/", v.signup, name="signup"),
    path("open-days/signup/receipt/", v.signup_receipt, name="signup_receipt"),
]
