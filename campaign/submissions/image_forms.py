"""The image form Wagtail's admin uses (``WAGTAILIMAGES_IMAGE_FORM_BASE``): every image an
editor or moderator uploads — the image library, a chooser's upload tab, a moderator swapping
a submitted photo, a toolkit resource's image — is stored without metadata."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from wagtail.images.forms import BaseImageForm

from campaign.submissions.uploads import without_metadata


class MetadataFreeImageForm(BaseImageForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            return without_metadata(upload)
        return upload
