"""Uploads are counted while the body is read: a file over the limit is never kept."""

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload


class OversizeUpload(UploadedFile):
    """Stands for a file that went over the limit: its bytes were never kept."""

    def __init__(self, name, size):
        super().__init__(file=None, name=name, content_type="", size=size)
        self.oversize = True


class EvidenceSizeLimitHandler(FileUploadHandler):
    """Counts the files and each file's bytes while the body is read.

    Put first in `request.upload_handlers`. A file over REPORT_EVIDENCE_MAX_SIZE
    is dropped (the other fields of the form are still parsed, so the
    citizen's text comes back with a clear message) and fills neither memory
    nor disk. At the first file beyond REPORT_EVIDENCE_MAX_FILES, reading
    stops altogether: `too_many_files` is then set, and the fields read
    before it are kept.
    """

    def __init__(self, request=None):
        super().__init__(request)
        self.files = 0
        self.too_many_files = False

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.files += 1
        if self.files > settings.REPORT_EVIDENCE_MAX_FILES:
            self.too_many_files = True
            # connection_reset: the rest of the body is not even read to be thrown away.
            raise StopUpload(connection_reset=True)
        self.received = 0
        self.over = False

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.REPORT_EVIDENCE_MAX_SIZE:
            self.over = True
        # Returning None stops the chunk: later handlers never store it.
        return None if self.over else raw_data

    def file_complete(self, file_size):
        if self.over:
            return OversizeUpload(self.file_name, self.received)
        return None
