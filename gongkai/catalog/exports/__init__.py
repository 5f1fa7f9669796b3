"""Export a catalog version in the one data format (seed 000 二(一)2 "数据格式统一").

- ``document`` — the machine-readable JSON document (``catalog_document``, ``catalog_json``);
- ``validation`` — every problem of a document, schema and semantics (``validate_document``);
- ``table`` — the official table (附件2 layout) for people (``catalog_xlsx``, ``catalog_pdf``).
"""
from .document import SCHEMA_ID, catalog_document, catalog_json, item_document
from .table import catalog_pdf, catalog_xlsx, table_rows
from .validation import load_schema, validate_document

__all__ = [
    "SCHEMA_ID",
    "catalog_document",
    "catalog_json",
    "catalog_pdf",
    "catalog_xlsx",
    "item_document",
    "load_schema",
    "table_rows",
    "validate_document",
]
