"""The JSON API. The OpenAPI document is served at /api/openapi.json, the docs at /api/docs.

Every operation declares each status it can return, with its body (docs/security.md): besides its
own answers, 400 (input refused by gongkai.core.middleware: control characters, bad charset,
out-of-range numbers), 413 (body over the size limit) and 422 (parameters that do not fit the
declared types) for every operation, 404 for those that look something up, 401/403 for those
that need a login. tests/test_api_schemathesis.py checks the document against the running app.
"""
from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError

api = NinjaAPI(
    title="Gongkai 政务公开平台 API",
    version="1.0",
    description="Organisations and standard disclosure catalogs. Anonymous callers see published data only.",
    urls_namespace="api",
    docs_url="/docs",
)


class Error(Schema):
    """An error: `detail` says what went wrong, in Chinese."""

    detail: str


class ValidationErrorOut(Schema):
    """Parameters that do not fit the declared types: one entry per problem (location, message)."""

    detail: list[dict]


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": "未找到。"}, status=404)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return api.create_response(request, {"detail": "请先登录。"}, status=401)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(request, {"detail": "您没有权限执行此操作。"}, status=403)


# Statuses every operation can answer, whatever it does.
COMMON_ERRORS = {400: Error, 413: Error, 422: ValidationErrorOut}


def errors(*codes: int) -> dict:
    """The error part of an operation's `response=` map: `response={200: Out, **errors(404)}`."""
    return {code: ValidationErrorOut if code == 422 else Error for code in codes}


def _declare_common_errors() -> None:
    """Add COMMON_ERRORS (and 401/403 for operations behind a login) to every registered operation."""
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                extra = dict(COMMON_ERRORS)
                if operation.auth_callbacks:
                    extra.update({401: Error, 403: Error})
                for code, model in extra.items():
                    if code not in operation.response_models:
                        operation.response_models[code] = operation._create_response_model(model)


from . import catalogs, organisations  # noqa: E402,F401  (routes register on import)
from . import foi  # noqa: E402,F401  (disclosure-request routes)
from . import records  # noqa: E402,F401  (record and interpretation routes)
from . import engagement  # noqa: E402,F401  (consultations, decision catalogs, messages, meetings)
from . import oversight  # noqa: E402,F401  (supervisors: evaluation ranking and figures)

_declare_common_errors()
