"""Back-office pages of the oversight app: an organisation's own pages (``office``) and the
supervisors' evaluation pages (``evaluation``)."""
from .evaluation import drill, evaluation_dashboard, evaluation_org, indicator_set, indicator_sets, notice
from .inspection import inspection, inspection_export, inspection_run
from .office import (accountabilities, accountability_action, column_detail, columns, home, progress_detail,
                     progress_list, repost_confirm, reposts, task_action, tasks)

__all__ = [
    "inspection", "inspection_export", "inspection_run", "drill", "evaluation_dashboard", "evaluation_org", "indicator_set", "indicator_sets", "notice", "accountabilities",
    "accountability_action", "column_detail", "columns", "home", "progress_detail", "progress_list",
    "repost_confirm", "reposts", "task_action", "tasks",
]
