"""Chinese error pages even when DEBUG is on (make run serves with DEBUG by default).

With DEBUG off Django already calls handler400/403/404/500 (gongkai.urls). With DEBUG on it shows
its technical pages instead; this middleware answers with the same Chinese pages, and logs the
traceback of a server error, so nobody outside sees Django's debug or English pages.
"""
import logging

from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.http.multipartparser import MultiPartParserError

from . import errors

logger = logging.getLogger("django.request")


class ErrorPagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.DEBUG and response.status_code == 404 and getattr(request, "resolver_match", None) is None:
            return errors.page_not_found(request)  # no URL matched: Django rendered its technical 404
        return response

    def process_exception(self, request, exception):
        if not settings.DEBUG:
            return None  # Django calls the handlers of gongkai.urls itself
        if isinstance(exception, Http404):
            return errors.page_not_found(request, exception)
        if isinstance(exception, PermissionDenied):
            return errors.permission_denied(request, exception)
        if isinstance(exception, (BadRequest, SuspiciousOperation, MultiPartParserError)):
            return errors.bad_request(request, exception)
        logger.error("Internal Server Error: %s", request.path, exc_info=exception)
        return errors.server_error(request)
