"""Writes to disclosure requests: one keyword-only function per transition, run by the workflow kernel.

One module per aggregate: ``intake`` (submission, registration, tracking numbers, query codes),
``correction`` (分办 and 补正), ``third_party`` (第三十二条), ``extensions`` (第三十三条),
``payment`` (信息处理费), ``reasons`` (第三十五条), ``decisions`` (the answer), ``appeals`` and
``recompute`` (holiday changes); ``common`` holds the runner they share.

Each transition service validates what it can without the row, then runs its transition of
``REQUEST_WORKFLOW`` (workflow.py) with an ``apply`` that validates against the locked row
(``ValidationFailed``), makes the change and recomputes the statutory clock (deadlines.py). The
kernel locks the row, checks the state (``InvalidTransition``) and the permission — the one
permission check of the write (``PermissionDenied``) — saves, writes the one audit event
(``FoiEvent``) and runs side effects after commit. Letters are numbered and their wording fixed
inside the transition (letters.issue); their files are rendered on first download.

Creating a request (submission, registration) and recording an appeal are not transitions: those
services make their one permission check with ``require`` at the top.
"""
from .appeals import foi_appeal_decide, foi_appeal_record
from .common import FEE_PAYMENT_WORKING_DAYS, MAX_ATTACHMENT_BYTES, MAX_DESCRIPTION, deadlines_text
from .correction import (
    DEFAULT_CORRECTION_PERIOD, foi_request_ask_correction, foi_request_assign, foi_request_correct, foi_request_lapse,
)
from .decisions import Attachment, foi_request_answer, validate_outcome
from .extensions import foi_request_approve_extension, foi_request_refuse_extension, foi_request_request_extension
from .intake import (
    SECRET_ALPHABET, SECRET_LENGTH, Application, applicant_key_for, check_secret, foi_request_register,
    foi_request_submit, new_secret, next_tracking_number, secret_digest, tracking_number_format,
    tracking_sequence_key,
)
from .payment import foi_request_assess_fee, foi_request_close_unpaid, foi_request_fee_paid, prior_units_this_month
from .reasons import foi_request_accept_reasons, foi_request_ask_reasons, foi_request_reject_reasons
from .recompute import foi_recompute_year
from .third_party import foi_request_consult, foi_request_third_party_received, foi_request_third_party_replied

__all__ = [
    "Application", "Attachment", "DEFAULT_CORRECTION_PERIOD", "FEE_PAYMENT_WORKING_DAYS", "MAX_ATTACHMENT_BYTES",
    "MAX_DESCRIPTION", "SECRET_ALPHABET", "SECRET_LENGTH", "applicant_key_for", "check_secret", "deadlines_text",
    "foi_appeal_decide", "foi_appeal_record", "foi_recompute_year", "foi_request_accept_reasons",
    "foi_request_approve_extension", "foi_request_ask_correction", "foi_request_ask_reasons",
    "foi_request_assess_fee", "foi_request_assign", "foi_request_close_unpaid", "foi_request_consult",
    "foi_request_correct", "foi_request_fee_paid", "foi_request_lapse", "foi_request_refuse_extension",
    "foi_request_register", "foi_request_reject_reasons", "foi_request_request_extension", "foi_request_submit",
    "foi_request_third_party_received", "foi_request_third_party_replied", "new_secret", "next_tracking_number",
    "prior_units_this_month", "secret_digest", "tracking_number_format", "tracking_sequence_key",
    "validate_outcome",
]
