from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from samverka.orientation.cache import clear_page_cache
from samverka.orientation.translation import record_publish


def on_published(sender, instance, **kwargs):
    record_publish(instance)
    clear_page_cache()


def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        clear_page_cache()


def connect():
    page_published.connect(on_published, dispatch_uid="orientation_published")
    page_unpublished.connect(clear_page_cache, dispatch_uid="orientation_unpublished")
    post_page_move.connect(clear_page_cache, dispatch_uid="orientation_moved")
    post_delete.connect(on_page_deleted, dispatch_uid="orientation_page_deleted")
