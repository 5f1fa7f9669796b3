from django.urls import path

from . import office_views as v

app_name = "foi_office"
urlpatterns = [
    path("", v.request_list, name="list"),
    path("export.<str:fmt>", v.request_export, name="export"),
    path("new/", v.register, name="register"),
    path("import/", v.import_view, name="import"),
    path("statistics/", v.statistics, name="statistics"),
    path("<int:pk>/", v.detail, name="detail"),
    path("<int:pk>/fee/", v.fee_preview, name="fee"),
    path("<int:pk>/do/<str:action>/", v.act, name="act"),
    path("<int:pk>/appeals/", v.appeal_add, name="appeal_add"),
    path("<int:pk>/appeals/<int:appeal_pk>/", v.appeal_decide, name="appeal_decide"),
    path("<int:pk>/letter.<str:ext>", v.letter, name="letter"),
    path("<int:pk>/letters/<int:letter_pk>.<str:ext>", v.letter_file, name="letter_file"),
    path("<int:pk>/attachments/<int:att_pk>/", v.attachment, name="attachment"),
]
