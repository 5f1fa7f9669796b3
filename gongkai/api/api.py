"""The JSON API. The OpenAPI document is served at /api/openapi.json, the docs at /api/docs."""
from ninja import NinjaAPI

api = NinjaAPI(
    title="Gongkai 政务公开平台 API",
    version="1.0",
    description="Organisations and standard disclosure catalogs. Anonymous callers see published data only.",
    urls_namespace="api",
    docs_url="/docs",
)

from . import catalogs, organisations  # noqa: E402,F401  (routes register on import)
from . import foi  # noqa: E402,F401  (disclosure-request routes)
from . import records  # noqa: E402,F401  (record and interpretation routes)
from . import engagement  # noqa: E402,F401  (consultations, decision catalogs, messages, meetings)
from . import oversight  # noqa: E402,F401  (supervisors: evaluation ranking and figures)
