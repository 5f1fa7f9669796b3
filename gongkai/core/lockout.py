"""django-axes hooks: the answer to a locked-out login (a Chinese page, 429) and the login name recorded."""
from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def lockout_response(request, response=None, credentials=None, *args, **kwargs):
    hours = float(getattr(settings, "AXES_COOLOFF_TIME", 0.5) or 0)
    minutes = int(round(hours * 60))
    message = _("登录失败次数过多，该账号或本机地址已被暂时锁定。请%(minutes)d分钟后再试，"
                "或请系统管理员解除锁定。") % {"minutes": minutes}
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=429, json_dumps_params={"ensure_ascii": False})
    return render(request, "core/locked_out.html", {"message": message, "status": 429}, status=429)


USERNAME_MAX_LENGTH = 150  # the login's column; django-axes stores what it is given in a 255-character one


def axes_username(request, credentials=None) -> str:
    """AXES_USERNAME_CALLABLE: the login name tried, cut to the column length.

    Django's login form does not enforce its own max_length, so a 6,000-character name reaches the
    authentication backends; PostgreSQL would then refuse django-axes' record of the attempt (500).
    No real login is longer than 150 characters, so the cut never merges two accounts.
    """
    field = getattr(settings, "AXES_USERNAME_FORM_FIELD", "username")
    value = (credentials or {}).get(field) if credentials else None
    if value is None and request is not None:
        value = request.POST.get(field)
    return str(value or "")[:USERNAME_MAX_LENGTH]
