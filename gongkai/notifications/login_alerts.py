"""E-mail an account's organisation administrators when its logins keep failing (docs/security.md).

gongkai.core.lockout sends `repeated_login_failures` once per account and window; this queues one
e-mail per administrator through the outbox (deduplicated per account, window and recipient).
"""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gongkai.core.lockout import repeated_login_failures
from gongkai.organisations.models import Role, RoleAssignment, User

from .models import Channel
from .services import notification_queue


def administrators_of(user) -> list:
    """The administrators of the nearest organisation above (or at) the user's that has any with an
    e-mail address: an administrator's role covers their organisation's whole subtree."""
    paths = [path for path in user.roles.values_list("organisation__path", flat=True)]
    if not paths:
        return []
    admins = (RoleAssignment.objects.filter(role=Role.ADMIN).exclude(user__email="")
              .select_related("user", "organisation"))
    covering = [a for a in admins if any(path.startswith(a.organisation.path) for path in paths)]
    if not covering:
        return []
    nearest = max(len(a.organisation.path) for a in covering)
    return sorted({a.user for a in covering if len(a.organisation.path) == nearest}, key=lambda u: u.pk)


def _on_repeated_failures(sender, username: str, failures: int, window_start: float, **kwargs) -> int:
    user = User.objects.filter(username=username).first()
    if user is None:
        return 0  # no such account: nothing to protect, and nobody to tell
    start = dt.datetime.fromtimestamp(window_start, tz=dt.UTC)
    queued = 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("安全提醒：账号“%(login)s”登录连续失败") % {"login": username}
        body = _("账号“%(login)s”（%(name)s）自 %(start)s 起已有 %(failures)d 次登录失败，可能有人在猜测密码。"
                 "该账号在失败的地址上已被暂时锁定，其他地址的登录会被逐步放慢，但账号本人仍可登录。\n"
                 "如非本人操作，请提醒其更换密码；如需解除锁定，请在管理后台“访问尝试”中删除记录，"
                 "或运行 manage.py axes_reset_username %(login)s。") % {
            "login": username, "name": user.display_name or username, "failures": failures,
            "start": timezone.localtime(start).strftime("%Y-%m-%d %H:%M")}
    for admin in administrators_of(user):
        if notification_queue(channel=Channel.EMAIL, kind="login_failures", recipient=admin.email,
                              subject=subject, body=body, target=user,
                              dedupe_key=f"login-failures:{user.pk}:{int(window_start)}:{admin.pk}"):
            queued += 1
    return queued


def connect() -> None:
    repeated_login_failures.connect(_on_repeated_failures, dispatch_uid="notifications-login-failures")
