import posixpath

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from wagtail.images import get_image_model

from campaign.submissions.uploads import without_metadata


class Command(BaseCommand):
    help = (
        "Rewrite stored images that still carry EXIF, GPS, XMP, IPTC or comments (uploaded before "
        "uploads were cleaned) and delete their renditions, which are then made again from the "
        "clean original. Run once after upgrading; running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count the images that need it.")

    def handle(self, *args, dry_run=False, **options):
        rewritten = 0
        for image in get_image_model().objects.order_by("pk").iterator():
            with image.open_file() as stored:
                data = stored.read()
            name = posixpath.basename(image.file.name)
            clean = without_metadata(ContentFile(data, name=name))
            clean.seek(0)
            if clean.read() == data:
                continue
            rewritten += 1
            if dry_run:
                continue
            clean.seek(0)
            old_name, storage = image.file.name, image.file.storage
            image.file.save(name, clean, save=False)
            image.file_size = image.file.size
            image.file_hash = ""
            image.save()
            image.get_file_hash()
            image.renditions.all().delete()
            storage.delete(old_name)
        verb = "need" if dry_run else "rewritten"
        self.stdout.write(f"{rewritten} image(s) {verb} without metadata.")
