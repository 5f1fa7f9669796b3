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


# ---------------------------------------------------------------- declared limits (issue 20, item 6)
# What the validation layer (gongkai.core.middleware) and the columns accept, declared in the OpenAPI
# document so that generated clients do not send requests the server refuses: no C0 control
# characters in any text (400 from the middleware), `page`/`year` within the middleware's bounds,
# ids within the database's bigint range, text no longer than its column.
from typing import Annotated  # noqa: E402

from ninja import Path, Query  # noqa: E402

from gongkai.core.middleware import BIGGEST_ID, BOUNDED_PARAMETERS  # noqa: E402

TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$"
_PAGE, _YEAR = BOUNDED_PARAMETERS["page"], BOUNDED_PARAMETERS["year"]

Id = Annotated[int, Path(ge=1, le=BIGGEST_ID)]
OptionalId = Annotated[int | None, Query(None, ge=1, le=BIGGEST_ID)]
Page = Annotated[int, Query(1, ge=_PAGE[0], le=_PAGE[1])]
Year = Annotated[int | None, Query(None, ge=_YEAR[0], le=_YEAR[1])]
YearPath = Annotated[int, Path(ge=_YEAR[0], le=_YEAR[1])]
Quarter = Annotated[int | None, Query(None, ge=1, le=4)]
OrgCode = Annotated[str | None, Query(None, max_length=40, pattern=TEXT_PATTERN)]          # Organisation.code
OrgCodePath = Annotated[str, Path(max_length=40, pattern=TEXT_PATTERN)]
CatalogKey = Annotated[str | None, Query(None, max_length=80, pattern=TEXT_PATTERN)]       # Record.catalog_key
NumberPath = Annotated[str, Path(max_length=64, pattern=TEXT_PATTERN)]                     # request tracking numbers
MessageNumberPath = Annotated[str, Path(max_length=40, pattern=TEXT_PATTERN)]              # engagement.Message.number
SearchText = Annotated[str, Query(max_length=100, pattern=TEXT_PATTERN)]                   # the search reads 100
Word = Annotated[str | None, Query(None, max_length=20, pattern=TEXT_PATTERN)]
