"""Size caps of the importer, all from settings (bytes unless named otherwise)."""
from django.conf import settings


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def max_page_bytes() -> int:
    return _setting("SITEIMPORT_MAX_PAGE_BYTES", 5 * 1024 * 1024)


def max_attachment_bytes() -> int:
    """Defaults to what the records app accepts for one attachment."""
    return _setting("SITEIMPORT_MAX_ATTACHMENT_BYTES", _setting("RECORDS_MAX_ATTACHMENT_BYTES", 20 * 1024 * 1024))


def max_archive_expanded_bytes() -> int:
    return _setting("SITEIMPORT_MAX_ARCHIVE_EXPANDED_BYTES", 2 * 1024 * 1024 * 1024)


def max_compression_ratio() -> int:
    """A zip member expanding more than this many times its stored size is treated as a zip bomb."""
    return _setting("SITEIMPORT_MAX_COMPRESSION_RATIO", 200)


def max_archive_members() -> int:
    return _setting("SITEIMPORT_MAX_ARCHIVE_MEMBERS", 200_000)


def max_pages() -> int:
    return _setting("SITEIMPORT_MAX_PAGES", 50_000)
