"""An upload handler that enforces GONGKAI_MAX_UPLOAD_BYTES while the body streams in.

Django's own limits cover form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but not files: a file is
streamed to memory or a temporary file whatever its size. This handler, first in
FILE_UPLOAD_HANDLERS, refuses a body whose declared length is over the cap before reading it,
and stops reading as soon as the bytes received exceed it (a client may lie about the length).
The refusal is a RequestDataTooBig, answered 413 with a Chinese message by
gongkai.core.middleware.RequestSanityMiddleware.
"""
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler


def max_upload_bytes() -> int:
    return int(getattr(settings, "GONGKAI_MAX_UPLOAD_BYTES", 25 * 1024 * 1024))


class CappedUploadHandler(FileUploadHandler):
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.received = 0
        if content_length and content_length > max_upload_bytes():
            raise RequestDataTooBig("upload over GONGKAI_MAX_UPLOAD_BYTES")
        return None

    def receive_data_chunk(self, raw_data, start):
        self.received = getattr(self, "received", 0) + len(raw_data)
        if self.received > max_upload_bytes():
            raise RequestDataTooBig("upload over GONGKAI_MAX_UPLOAD_BYTES")
        return raw_data

    def file_complete(self, file_size):
        return None
