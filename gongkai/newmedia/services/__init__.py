"""Writes of the 政务新媒体 app: requests (open, change, close; ``requests``) and accounts (``accounts``)."""
from .accounts import account_edit_details, account_feed_result, account_record_update
from .requests import (
    CHANGED_FIELDS, request_agree, request_carry_out, request_create, request_decide, request_leader_return,
    request_submit, request_update, request_withdraw,
)

__all__ = [
    "CHANGED_FIELDS", "account_edit_details", "account_feed_result", "account_record_update", "request_agree",
    "request_carry_out", "request_create", "request_decide", "request_leader_return", "request_submit",
    "request_update", "request_withdraw",
]
