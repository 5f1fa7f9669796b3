"""Error pages in the site's layout, in Chinese, whatever DEBUG is (handler400/403/404/500, CSRF).

Each page says what happened and offers a way back; a tracking link that leads nowhere (an
expired, mistyped or unknown request number) offers the lookup form.
"""
import logging

from django.http import HttpResponse
from django.template import loader
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme

logger = logging.getLogger(__name__)

# Served when even the site's layout cannot be rendered (e.g. the database is down).
_BARE_500 = ("<!DOCTYPE html><html lang=\"zh-Hans\"><head><meta charset=\"utf-8\"><title>服务器错误</title>"
             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head><body>"
             "<main><h1>服务器暂时无法处理您的请求</h1><p>请稍后再试。</p><p><a href=\"/\">返回首页</a></p>"
             "</main></body></html>")


def _render(request, template_name: str, status: int, context: dict | None = None) -> HttpResponse:
    context = dict(context or {})
    context.setdefault("status", status)
    try:
        body = loader.render_to_string(template_name, context, request=request)
    except Exception:  # the error page must not fail in turn; logged below
        logger.exception("error page %s could not be rendered", template_name)
        return HttpResponse(_BARE_500, status=status, content_type="text/html; charset=utf-8")
    return HttpResponse(body, status=status, content_type="text/html; charset=utf-8")


def _tracking_link(request) -> bool:
    """Return True when the request was for a disclosure request's tracking or receipt page."""
    try:
        prefixes = (reverse("foi:track"), reverse("foi:home") + "receipt/")
    except NoReverseMatch:
        return False
    return request.path.startswith(prefixes)


def bad_request(request, exception=None):
    return _render(request, "errors/400.html", 400)


def permission_denied(request, exception=None):
    if _is_rate_limit(exception):
        return too_many_requests(request, exception)
    return _render(request, "errors/403.html", 403)


def _is_rate_limit(exception) -> bool:
    """Return True for django-ratelimit's refusal (a PermissionDenied subclass): it is a 429, not a 403."""
    try:
        from django_ratelimit.exceptions import Ratelimited
    except ImportError:
        return False
    return isinstance(exception, Ratelimited)


def page_not_found(request, exception=None):
    return _render(request, "errors/404.html", 404, {"tracking": _tracking_link(request)})


def server_error(request):
    return _render(request, "errors/500.html", 500)


def too_many_requests(request, exception=None):
    """The page for 429 (requests refused by a rate limit); apps may return it directly."""
    return _render(request, "errors/429.html", 429)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: an expired or missing form token, explained without Django's English text."""
    back = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = ""
    return _render(request, "errors/csrf.html", 403, {"back": back})
