"""The old site's addresses: answered with a permanent redirect to the imported record's page."""
from django.http import Http404, HttpResponsePermanentRedirect

from gongkai.records.states import RecordStatus

from .models import ImportedPage


def old_address(request, old_path: str):
    """Reached only by paths no other URL pattern takes (the last pattern of gongkai/urls.py)."""
    full = request.get_full_path()
    candidates = [full] if full == request.path else [full, request.path]
    page = (ImportedPage.objects.filter(original_path__in=candidates, record__status=RecordStatus.PUBLISHED)
            .select_related("record").order_by("-id").first())
    if page is None:
        raise Http404
    return HttpResponsePermanentRedirect(page.record.get_absolute_url())
