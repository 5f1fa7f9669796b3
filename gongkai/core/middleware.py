"""Language selection: Simplified Chinese unless the user chose another language."""
from django.conf import settings
from django.utils import translation


class ChosenLanguageMiddleware:
    """Activate the language chosen with the footer switch (its cookie), else LANGUAGE_CODE.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: a public
    office's site answers in Chinese on an English-language browser too, and English is
    there for whoever asks for it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.languages:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


# ------------------------------------------------------------------------------ hostile input
# One validation layer in front of every view (docs/security.md): whatever a client sends, a
# request either reaches the view with text the database and the document writers accept, or it
# is answered 400 with a Chinese message here. Views then only deal with well-formed text.

import json  # noqa: E402
import logging  # noqa: E402
import re  # noqa: E402

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent  # noqa: E402
from django.http import Http404, HttpResponse, JsonResponse  # noqa: E402
from django.http.multipartparser import MultiPartParserError  # noqa: E402
from django.template import loader  # noqa: E402
from django.utils.translation import gettext as _  # noqa: E402

logger = logging.getLogger(__name__)

# C0 control characters other than tab, newline and carriage return (PostgreSQL refuses NUL;
# the .docx/.xlsx writers refuse the others), and UTF-16 surrogates, which no valid text holds.
FORBIDDEN_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
ACCEPTED_CHARSETS = {"utf-8", "utf8"}
# The methods this site answers. Everything else (TRACE, CONNECT, PUT, DELETE, PATCH, WebDAV verbs,
# inventions) is 405 with an Allow header before any view, session or CSRF check runs.
ALLOWED_METHODS = ("GET", "HEAD", "POST", "OPTIONS")
BIGGEST_ID = 2**63 - 1  # bigint; larger path ids cannot name a row
# Query parameters with a meaning across the site, and the values they may take.
BOUNDED_PARAMETERS = {
    "page": (1, 100_000),
    "year": (1900, 2200),
    "month": (1, 12),
}


def has_forbidden_characters(value: str) -> bool:
    return bool(FORBIDDEN_CHARACTERS.search(value))


def _json_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


class BadInput(Exception):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message, self.status = message, status


def bad_input_response(request, message: str, status: int = 400) -> HttpResponse:
    """The 400 (or 405, 413) answer: JSON for the API, the site's error page with the message otherwise."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status, json_dumps_params={"ensure_ascii": False})
    try:
        body = loader.render_to_string("core/bad_input.html", {"message": message, "status": status}, request=request)
    except Exception:  # the error page must not fail in turn
        logger.exception("bad-input page could not be rendered")
        body = f"<!DOCTYPE html><meta charset=\"utf-8\"><title>{_('请求有误')}</title><p>{message}</p>"
    return HttpResponse(body, status=status, content_type="text/html; charset=utf-8")


class RequestSanityMiddleware:
    """Refuse malformed input before any view, session or CSRF check reads it.

    Checked: the path and every query and form parameter (names, values, uploaded file names) for
    NUL, other control characters and lone surrogates; the declared charset of a body (UTF-8
    only); a JSON body's encoding and every string in it; the site-wide numeric parameters
    (BOUNDED_PARAMETERS); body size and field count (Django's limits, answered in Chinese); path
    ids beyond the database's integer range (404, like any unknown id).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ALLOWED_METHODS:
            response = bad_input_response(request, _("不支持此请求方法。"), 405)
            response["Allow"] = ", ".join(ALLOWED_METHODS)
            return response
        try:
            self.inspect(request)
        except BadInput as exc:
            return bad_input_response(request, exc.message, exc.status)
        return self.get_response(request)

    def inspect(self, request) -> None:
        if has_forbidden_characters(request.path):
            raise BadInput(_("网址中含有不允许的控制字符。"))
        self.check_parameters(request.GET)
        for name, (low, high) in BOUNDED_PARAMETERS.items():
            for value in request.GET.getlist(name):
                value = value.strip()
                if value and not (value.isascii() and value.isdigit() and len(value) <= len(str(high))
                                  and low <= int(value) <= high):
                    raise BadInput(_("参数“%(name)s”应为%(low)d至%(high)d之间的整数。")
                                   % {"name": name, "low": low, "high": high})
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return
        charset = request.content_params.get("charset") if request.content_params else None
        if charset and charset.strip().lower() not in ACCEPTED_CHARSETS:
            raise BadInput(_("只接受 UTF-8 编码提交的内容。"))
        content_type = request.content_type or ""
        try:
            if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
                if request.path.startswith("/api/"):
                    request.body  # noqa: B018  (keep the raw body readable for the API after parsing)
                self.check_parameters(request.POST)
                for name, upload in request.FILES.items():
                    if has_forbidden_characters(name) or has_forbidden_characters(upload.name or ""):
                        raise BadInput(_("上传文件的名称中含有不允许的控制字符。"))
            elif content_type == "application/json" or content_type.endswith("+json"):
                self.check_json(request.body)
        except RequestDataTooBig:
            raise BadInput(_("提交的内容过大。"), status=413) from None
        except TooManyFieldsSent:
            raise BadInput(_("提交的字段过多。")) from None
        except (MultiPartParserError, SuspiciousOperation, UnicodeDecodeError, ValueError):
            raise BadInput(_("提交的内容格式有误，无法读取。")) from None

    def check_parameters(self, params) -> None:
        for name, values in params.lists():
            if has_forbidden_characters(name) or any(has_forbidden_characters(v) for v in values):
                raise BadInput(_("提交的内容中含有不允许的控制字符（如 NUL）。请删除后重试。"))

    def check_json(self, body: bytes) -> None:
        if not body:
            return
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise BadInput(_("JSON 内容应为 UTF-8 编码。")) from None
        try:
            data = json.loads(text)
        except ValueError:
            return  # malformed JSON: the API answers it with its own documented 400/422
        if any(has_forbidden_characters(s) for s in _json_strings(data)):
            raise BadInput(_("提交的内容中含有不允许的控制字符或无效的 Unicode 字符。"))

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Path ids beyond the database's bigint range name no row: 404 before any query (SQLite
        raises OverflowError on such a parameter in some lookups, e.g. through a foreign key)."""
        for value in list(view_args) + list(view_kwargs.values()):
            if isinstance(value, int) and not -BIGGEST_ID <= value <= BIGGEST_ID:
                raise Http404
        return None


class PrivatePagesMiddleware:
    """Keep pages with personal data or query codes out of every cache; drop a Server banner.

    No-store: every answer to a signed-in user (the back office shows applicants' data), every
    page of a disclosure request (receipt with its query code, status, letters, attachments).
    The Server header is removed where the application sees it; the reverse proxy hides its own
    (docs/security.md).
    """

    PRIVATE_NAMESPACES = {"foi", "foi_office"}
    # Pages of those namespaces that are the same for every visitor (no personal data, no token).
    PUBLIC_VIEWS = {"foi:home", "foi:deadline"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        match = getattr(request, "resolver_match", None)
        public = match is not None and match.view_name in self.PUBLIC_VIEWS
        private = (
            (user is not None and user.is_authenticated)
            or (not public and match is not None and set(match.namespaces) & self.PRIVATE_NAMESPACES)
            or (not public and request.path.startswith(("/office/", "/admin/", "/requests/")))
        )
        if private:
            response["Cache-Control"] = "no-store, private"
            response["Pragma"] = "no-cache"
        if "Server" in response:
            del response["Server"]
        return response
