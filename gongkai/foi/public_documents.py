"""Public downloads that need no request: the blank application form (政府信息公开申请表)."""
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from . import letters

CONTENT_TYPES = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                 "pdf": "application/pdf"}


@require_GET
def application_form(request, ext):
    """The blank 政府信息公开申请表 (A4) for letter and in-person applicants (条例第二十九条)."""
    if ext not in CONTENT_TYPES:
        raise Http404
    data = letters.application_form_docx() if ext == "docx" else letters.application_form_pdf()
    response = HttpResponse(data, content_type=CONTENT_TYPES[ext])
    response["Content-Disposition"] = f'attachment; filename="application-form.{ext}"'
    return response
