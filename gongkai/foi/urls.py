from django.urls import path

from . import public_documents
from . import views as v

app_name = "foi"
urlpatterns = [
    path("", v.home, name="home"),
    path("deadline/", v.deadline_calculator, name="deadline"),
    path("new/<slug:org_code>/", v.new_request, name="new"),
    path("receipt/<str:number>/", v.receipt, name="receipt"),
    path("track/", v.track, name="track"),
    path("track/<str:number>/", v.status, name="status"),
    path("track/<str:number>/correct/", v.correct, name="correct"),
    path("track/<str:number>/letter.<str:ext>", v.letter, name="letter"),
    path("track/<str:number>/attachments/<int:pk>/", v.attachment, name="attachment"),
    path("application-form.<str:ext>", public_documents.application_form, name="application_form"),
]
