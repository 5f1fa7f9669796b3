"""What every API module shares: the error bodies and the error part of an operation's response map.

The modules (catalogs, organisations, foi, records, engagement, reports, oversight) each define a
`router` and import only this module from the API package; `api.py` assembles their routers. So no
module of the API imports another that imports it back.
"""
from ninja import Schema


class Error(Schema):
    """An error: `detail` says what went wrong, in Chinese."""

    detail: str


class ValidationErrorOut(Schema):
    """Parameters that do not fit the declared types: one entry per problem (location, message)."""

    detail: list[dict]


# Statuses every operation can answer, whatever it does.
COMMON_ERRORS = {400: Error, 413: Error, 422: ValidationErrorOut}


def errors(*codes: int) -> dict:
    """The error part of an operation's `response=` map: `response={200: Out, **errors(404)}`."""
    return {code: ValidationErrorOut if code == 422 else Error for code in codes}
