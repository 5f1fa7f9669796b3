from django.urls import path

from . import views as v

app_name = "engagement"

urlpatterns = [
    path("", v.home, name="home"),
    path("consultations/<int:pk>/", v.consultation, name="consultation"),
    path("decisions/", v.catalogs, name="catalogs"),
    path("decisions/<slug:org_code>/<int:year>/", v.catalog, name="catalog"),
    path("messages/", v.messages_list, name="messages"),
    path("messages/new/<slug:org_code>/", v.message_new, name="message_new"),
    path("messages/receipt/", v.message_receipt, name="message_receipt"),
    path("messages/track/", v.message_track, name="message_track"),
    path("messages/<str:number>/", v.message_public, name="message"),
    path("meetings/<int:pk>/", v.meeting, name="meeting"),
]
