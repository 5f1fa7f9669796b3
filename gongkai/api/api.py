"""The JSON API, assembled. The OpenAPI document is served at /api/openapi.json, the docs at /api/docs.

Each module (catalogs, organisations, foi, records, engagement, oversight, reports) defines a `router` and
knows nothing of this file; here the routers are added to the one `NinjaAPI` — the arrows run only
into this module, never back (issue 19: no import circle).

Every operation declares each status it can return, with its body (docs/security.md): besides its
own answers, 400 (input refused by gongkai.core.middleware: control characters, bad charset,
out-of-range numbers), 413 (body over the size limit) and 422 (parameters that do not fit the
declared types) for every operation, 404 for those that look something up, 401/403 for those
that need a login. tests/test_api_schemathesis.py checks the document against the running app.
"""
from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from . import catalogs, engagement, foi, organisations, oversight, records, reports
from .schemas import COMMON_ERRORS, Error, ValidationErrorOut, errors  # noqa: F401  (re-exported)

api = NinjaAPI(
    title="Gongkai 政务公开平台 API",
    version="1.0",
    description="Organisations and their disclosure guides, standard disclosure catalogs, records, requests, "
                "public participation and opinion responses, published annual reports. Anonymous callers see "
                "published data only.",
    urls_namespace="api",
    docs_url="/docs",
)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": "未找到。"}, status=404)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return api.create_response(request, {"detail": "请先登录。"}, status=401)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(request, {"detail": "您没有权限执行此操作。"}, status=403)


# In the order the operations were registered before the routers existed (the document's order).
for module in (catalogs, organisations, foi, records, engagement, oversight, reports):
    api.add_router("", module.router)


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


_declare_common_errors()
