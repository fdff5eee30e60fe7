from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from samverka.orientation.cache import clear_page_cache
from samverka.orientation.translation import sync_source


def clear_now_and_after_commit(**kwargs):
    """Drop cached pages now, and again once the change is committed: a request
    that rendered the old content between the two cannot keep it in the cache."""
    clear_page_cache()
    transaction.on_commit(clear_page_cache)


def on_published(sender, instance, **kwargs):
    sync_source(instance)
    clear_now_and_after_commit()


def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        clear_now_and_after_commit()


def connect():
    page_published.connect(on_published, dispatch_uid="orientation_published")
    page_unpublished.connect(clear_now_and_after_commit, dispatch_uid="orientation_unpublished")
    post_page_move.connect(clear_now_and_after_commit, dispatch_uid="orientation_moved")
    post_delete.connect(on_page_deleted, dispatch_uid="orientation_page_deleted")
