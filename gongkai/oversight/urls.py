from django.urls import path

from . import views as v

app_name = "oversight"
urlpatterns = [
    path("", v.home, name="home"),
    path("org/<slug:code>/columns/", v.columns, name="columns"),
    path("columns/<int:pk>/", v.column_detail, name="column"),
    path("org/<slug:code>/reposts/", v.reposts, name="reposts"),
    path("reposts/<int:pk>/confirm/", v.repost_confirm, name="repost_confirm"),
    path("org/<slug:code>/tasks/", v.tasks, name="tasks"),
    path("tasks/<int:pk>/<slug:action>/", v.task_action, name="task_action"),
    path("org/<slug:code>/accountabilities/", v.accountabilities, name="accountabilities"),
    path("accountabilities/<int:pk>/<slug:action>/", v.accountability_action, name="accountability_action"),
    path("org/<slug:code>/progress/", v.progress_list, name="progress_list"),
    path("progress/<int:pk>/", v.progress_detail, name="progress"),
    path("evaluation/<slug:code>/", v.evaluation_dashboard, name="evaluation"),
    path("evaluation/<slug:code>/org/<slug:org_code>/", v.evaluation_org, name="evaluation_org"),
    path("evaluation/<slug:code>/org/<slug:org_code>/rows/", v.drill, name="drill"),
    path("evaluation/<slug:code>/notice.<str:fmt>", v.notice, name="notice"),
    path("org/<slug:code>/inspection/", v.inspection, name="inspection"),
    path("inspection/<int:pk>/", v.inspection_run, name="inspection_run"),
    path("inspection/<int:pk>/report.<str:fmt>", v.inspection_export, name="inspection_export"),
    path("indicators/<slug:code>/", v.indicator_sets, name="indicator_sets"),
    path("indicator-set/<int:pk>/", v.indicator_set, name="indicator_set"),
]
