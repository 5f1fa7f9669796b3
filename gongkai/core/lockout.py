"""The answer to a locked-out login (django-axes' AXES_LOCKOUT_CALLABLE): a Chinese page, 429."""
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def lockout_response(request, response=None, credentials=None, *args, **kwargs):
    from django.conf import settings

    hours = float(getattr(settings, "AXES_COOLOFF_TIME", 0.5) or 0)
    minutes = int(round(hours * 60))
    message = _("登录失败次数过多，该账号或本机地址已被暂时锁定。请%(minutes)d分钟后再试，"
                "或请系统管理员解除锁定。") % {"minutes": minutes}
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=429, json_dumps_params={"ensure_ascii": False})
    return render(request, "core/locked_out.html", {"message": message, "status": 429}, status=429)
