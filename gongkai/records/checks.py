"""System checks: a bad index-number pattern is reported at start-up, not at the first record."""
from django.core import checks

from gongkai.core.errors import ValidationFailed


@checks.register()
def index_pattern_check(app_configs, **kwargs):
    from . import numbering

    try:
        numbering.validate_pattern(numbering.pattern())
    except ValidationFailed as exc:
        return [checks.Error(f"GONGKAI_INDEX_PATTERN is invalid: {'; '.join(exc.problems)}",
                             hint="Placeholders: {机构代码} {YYYY} {MM} {事项} and a serial {NNNNN}.",
                             id="records.E001")]
    return []
