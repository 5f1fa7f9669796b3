from django.urls import path

from . import office_settings_views as s
from . import office_views as v

app_name = "records_office"
urlpatterns = [
    path("", v.record_list, name="list"),
    path("export/<str:fmt>/", v.record_export, name="export"),
    path("new/<slug:org_code>/", v.record_create, name="create"),
    path("<int:pk>/", v.record_detail, name="record"),
    path("<int:pk>/edit/", v.record_edit, name="edit"),
    path("<int:pk>/interpretation/", v.interpretation_edit, name="interpretation"),
    path("<int:pk>/attachments/", v.attachment_upload, name="attachment_upload"),
    path("<int:pk>/attachments/<int:attachment_pk>/delete/", v.attachment_delete, name="attachment_delete"),
    path("<int:pk>/findings/kind/<slug:kind>/mask/", v.findings_mask_kind, name="findings_mask_kind"),
    path("<int:pk>/findings/<int:finding_pk>/<str:how>/", v.finding_resolve, name="finding_resolve"),
    path("<int:pk>/do/<str:action>/", v.record_action, name="action"),
    path("self-checks/", s.self_checks, name="self_checks"),
    path("self-checks/<int:pk>/", s.self_check, name="self_check"),
    path("negative-list/", s.negative_list, name="negative_list"),
    path("item-targets/", s.item_targets, name="item_targets"),
    path("interpretation-quota/", s.interpretation_quota, name="quota"),
]
