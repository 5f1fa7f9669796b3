from django.urls import path

from . import office_lists
from . import office_views as v

app_name = "engagement_office"

urlpatterns = [
    path("", v.index, name="index"),
    path("orgs/<slug:org_code>/consultations/new/", v.consultation_new, name="consultation_new"),
    path("consultations/<int:pk>/", v.consultation_detail, name="consultation"),
    path("consultations/<int:pk>/edit/", v.consultation_edit, name="consultation_edit"),
    path("consultations/<int:pk>/do/<slug:action>/", v.consultation_action, name="consultation_action"),
    path("groups/<int:pk>/decide/", v.group_decide, name="group_decide"),
    path("orgs/<slug:org_code>/decisions/new/", v.catalog_new, name="catalog_new"),
    path("decisions/<int:pk>/", v.catalog_detail, name="catalog"),
    path("decisions/<int:pk>/do/<slug:action>/", v.catalog_action, name="catalog_action"),
    path("decisions/<int:pk>/entries/<int:entry_pk>/<slug:action>/", v.catalog_action, name="entry_action"),
    path("orgs/<slug:org_code>/opinions/new/", v.opinion_new, name="opinion_new"),
    path("opinions/<int:pk>/", v.opinion_detail, name="opinion"),
    path("opinions/<int:pk>/do/<slug:action>/", v.opinion_action, name="opinion_action"),
    path("messages/", office_lists.messages_list, name="messages"),
    path("messages/<int:pk>/", v.message_detail, name="message"),
    path("messages/<int:pk>/do/<slug:action>/", v.message_action, name="message_action"),
    path("requests/<int:request_pk>/to-message/", v.message_from_request, name="message_from_request"),
    path("orgs/<slug:org_code>/meetings/new/", v.meeting_new, name="meeting_new"),
    path("meetings/<int:pk>/", v.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/do/<slug:action>/", v.meeting_action, name="meeting_action"),
]
