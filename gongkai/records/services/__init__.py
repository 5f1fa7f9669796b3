"""Writes to records, split along their seams; every state change runs through records.workflow.

- ``drafting``: create, edit, attachments, interpretation;
- ``review``: submit, attribute/secrecy review, escalation, leader approval, publish, withdraw;
- ``findings``: the privacy check before publication (scan, mask one or a kind, justify);
- ``self_check``: the yearly self-check and its conversions;
- ``importing``: a record already published on the office's previous site (gongkai.siteimport);
- ``negative_list``: the organisation's 不予公开负面清单.
"""
from .common import INTERPRETATION_FIELDS, RECORD_FIELDS, policy_for
from .drafting import (
    attachment_add, attachment_remove, interpretation_problems, interpretation_save, record_create, record_update,
)
from .importing import record_import_published
from .findings import finding_justify, finding_mask, findings_mask_kind, mask_kind_preview, privacy_scan
from .negative_list import negative_list_save
from .review import (
    publication_problems, reading_room_deliver, record_attribute_review, record_leader_decide, record_publish,
    record_secrecy_determine, record_secrecy_escalate, record_secrecy_review, record_set_validity, record_submit,
    record_withdraw, review_stages,
)
from .targets import item_target_set
from .self_check import self_check_complete, self_check_decide, self_check_start

__all__ = [
    "INTERPRETATION_FIELDS", "RECORD_FIELDS", "attachment_add", "attachment_remove", "finding_justify", "finding_mask",
    "findings_mask_kind", "item_target_set", "interpretation_problems", "interpretation_save", "mask_kind_preview", "negative_list_save",
    "policy_for", "privacy_scan", "publication_problems", "reading_room_deliver", "record_attribute_review",
    "record_create", "record_import_published", "record_leader_decide", "record_publish", "record_secrecy_determine", "record_secrecy_escalate",
    "record_secrecy_review", "record_set_validity", "record_submit", "record_update", "record_withdraw", "review_stages",
    "self_check_complete", "self_check_decide", "self_check_start",
]
