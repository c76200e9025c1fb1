"""A change to what may be shown takes effect at once: the cached figures of every edition go."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import ApprovedAccount, ScreenHide, Tracking
from .store import stats_cache_key


@receiver([post_save, post_delete], sender=ScreenHide)
@receiver([post_save, post_delete], sender=ApprovedAccount)
def forget_cached_stats(sender, **kwargs) -> None:
    # The page cache empties by itself (these are public models); the stats cache keeps 30 s.
    cache.delete_many([stats_cache_key(pk) for pk in Tracking.objects.values_list("edition_id", flat=True)])
