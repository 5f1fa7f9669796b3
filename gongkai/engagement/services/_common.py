"""Input cleaning shared by the engagement services (not a service itself)."""
from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import effects
from gongkai.core.errors import ValidationFailed

MAX_TEXT = 20_000
MAX_COMMENT = 5_000
MAX_MESSAGE = 5_000
MAX_TAGS = 200
# Not a model: the label engagement's services touch (core.effects) when what the public participation
# pages show changes — a consultation published, withdrawn or reported, a catalog published or reopened,
# a message published, a meeting announced, held or cancelled. Listed in GONGKAI_PAGE_CACHE_MODELS, so
# those pages come from the page cache and get a new generation after such a commit, while the frequent
# writes the public does not see (comments received, messages received and handled) leave the cache alone.
PUBLIC_PAGES = "engagement.PublicPages"


def public_pages_changed() -> None:
    """Note, in the writing transaction, that the public participation pages changed."""
    effects.touch(PUBLIC_PAGES)


def _clean(value) -> str:
    return (value or "").strip() if isinstance(value, str) or value is None else str(value).strip()


def _require_text(problems: list, value: str, label: str, limit: int) -> str:
    value = _clean(value)
    if not value:
        problems.append(_("%(f)s不能为空。") % {"f": label})
    elif len(value) > limit:
        problems.append(_("%(f)s不能超过%(n)d字。") % {"f": label, "n": limit})
    return value


def _minute(moment: dt.datetime | None) -> dt.datetime | None:
    """Return the aware moment cut to the minute (periods are shown and enforced to the minute)."""
    if moment is None:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment.replace(second=0, microsecond=0)


def _fail(problems: list[str], message: str) -> None:
    if problems:
        raise ValidationFailed(message, problems=problems)



def own_record(organisation, record):
    """Refuse linking a record of another organisation (or none)."""
    if record is None or record.organisation_id != organisation.pk:
        raise ValidationFailed(_("只能关联本机关的政府信息。"), problems=[_("只能关联本机关的政府信息。")])
