"""Writes of the oversight app, one module per aggregate. Keyword-only ``<entity>_<action>``
functions that validate their input, then run a declared transition through the workflow kernel
(which checks the actor's permission), or, for creations, check it once with ``require`` and write
the row and one audit event inside one transaction."""
from ._common import package_data
from .accountabilities import accountabilities_for, accountability_complete, accountability_reopen
from .columns import column_create, column_edit, column_log_update, column_retire, columns_import
from .indicators import indicator_set_create, indicator_set_edit, indicator_set_publish
from .progress import (progress_accept, progress_due, progress_edit, progress_figures, progress_open,
                       progress_period_bounds, progress_return, progress_submit)
from .reposts import repost_confirm, repost_notice_issue
from .scoring import evaluation_refresh
from .tasks import task_add_evidence, task_complete, task_reopen, tasks_import

__all__ = [
    "package_data", "accountabilities_for", "accountability_complete", "accountability_reopen", "column_create",
    "evaluation_refresh", "column_edit", "column_log_update", "column_retire", "columns_import", "indicator_set_create",
    "indicator_set_edit", "indicator_set_publish", "progress_accept", "progress_due", "progress_edit",
    "progress_figures", "progress_open", "progress_period_bounds", "progress_return", "progress_submit",
    "repost_confirm", "repost_notice_issue", "task_add_evidence", "task_complete", "task_reopen", "tasks_import",
]
