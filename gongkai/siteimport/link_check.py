"""Whether an old site's address still leads somewhere: an imported page of a published record
(registered with gongkai.links in SiteImportConfig.ready(), so a link to an old address is checked)."""
from django.db.models import Q

from gongkai.records.states import RecordStatus

from .models import ImportedPage


def old_address_alive(old_path: str) -> bool:
    path = "/" + old_path
    return ImportedPage.objects.filter(Q(original_path=path) | Q(original_path__startswith=path + "?"),
                                       record__status=RecordStatus.PUBLISHED).exists()
