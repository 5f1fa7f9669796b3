"""Writes of public participation, one module per aggregate. Each service validates its input, then
runs one declared transition on the workflow kernel (or creates the object with its audit event and
one permission check); nothing else writes these tables. Callers import from this package."""
from ._common import MAX_COMMENT, MAX_MESSAGE, MAX_TAGS, MAX_TEXT  # noqa: F401
from .catalog import (  # noqa: F401
    decision_catalog_approve, decision_catalog_create, decision_catalog_reopen, decision_catalog_return,
    decision_catalog_submit, decision_entry_delete, decision_entry_link_record, decision_entry_save,
)
from .consultations import (  # noqa: F401
    CONSULTATION_FIELDS, comment_submit, comments_group, consultation_create, consultation_link_record,
    consultation_publish, consultation_publish_report, consultation_update, consultation_withdraw, group_decide,
)
from .meetings import (meeting_announce, meeting_cancel, meeting_create, meeting_record_held,  # noqa: F401
                       meeting_set_live_url, meeting_update)
from .messages import (  # noqa: F401
    COMPLEX_WORKING_DAYS, OTHER_WORKING_DAYS, SUGGESTION_WORKING_DAYS, message_answer, message_assign,
    message_check_secret, message_deadline, message_from_request, message_mark_complex, message_publish,
    message_submit, message_working_days,
)
from .opinions import (  # noqa: F401
    opinion_assign, opinion_authoritative_info, opinion_deadlines, opinion_escalate, opinion_log,
    opinion_make_record, opinion_missed, opinion_press_conference, opinion_respond,
)
