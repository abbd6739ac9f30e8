"""Signal receivers: the role groups exist after every migrate."""

from django.db.models.signals import post_migrate
from django.dispatch import receiver

from .roles import sync_role_groups


@receiver(post_migrate)
def create_role_groups(sender, app_config=None, **kwargs):
    if app_config is None or app_config.label not in {"certification", "cms", "wagtailadmin"}:
        return
    sync_role_groups()
