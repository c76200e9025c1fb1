"""Keep each toolkit's zip in step with its resources: any change schedules a background rebuild."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from toolkit.archive import ARCHIVE_FIELDS
from toolkit.models import Toolkit, ToolkitResource
from toolkit.tasks import schedule_rebuild


@receiver(post_save, sender=Toolkit)
def toolkit_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields and set(update_fields) <= set(ARCHIVE_FIELDS)):
        return  # the build itself recording its new zip
    schedule_rebuild(instance.pk)


@receiver(post_save, sender=ToolkitResource)
@receiver(post_delete, sender=ToolkitResource)
def resource_changed(sender, instance, raw=False, **kwargs):
    if not raw and instance.toolkit_id:
        schedule_rebuild(instance.toolkit_id)


def _files_changed(field: str, pk: int) -> None:
    toolkit_ids = ToolkitResource.objects.filter(**{field: pk}).values_list("toolkit_id", flat=True).distinct()
    for toolkit_id in toolkit_ids:
        schedule_rebuild(toolkit_id)


@receiver(post_save, sender=get_document_model())
def document_saved(sender, instance, raw=False, created=False, **kwargs):
    """An editor replaced a document's file: toolkits that use it need a new zip."""
    if not raw and not created:
        _files_changed("document_id", instance.pk)


@receiver(post_save, sender=get_image_model())
def image_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        _files_changed("image_id", instance.pk)


@receiver(pre_delete, sender=get_document_model())
def document_deleted(sender, instance, **kwargs):
    """Deleting a document empties its resources' file (SET_NULL, no signal): rebuild their zips."""
    _files_changed("document_id", instance.pk)


@receiver(pre_delete, sender=get_image_model())
def image_deleted(sender, instance, **kwargs):
    _files_changed("image_id", instance.pk)


@receiver(post_save, sender=CollectionViewRestriction)
@receiver(post_delete, sender=CollectionViewRestriction)
def collection_privacy_changed(sender, instance, raw=False, **kwargs):
    """A collection made private or public again: zips holding its documents change."""
    path = Collection.objects.filter(pk=instance.collection_id).values_list("path", flat=True).first()
    if raw or path is None:
        return
    toolkit_ids = (
        ToolkitResource.objects.filter(document__collection__path__startswith=path)
        .values_list("toolkit_id", flat=True).distinct()
    )
    for toolkit_id in toolkit_ids:
        schedule_rebuild(toolkit_id)
