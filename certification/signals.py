"""Signal receivers: the role groups exist after every migrate; complaints keep their unit's county and
sector (the statistics group by them) when the bureau changes a business's."""

from django.db.models.signals import post_migrate, post_save
from django.dispatch import receiver

from .models import Business, Complaint
from .roles import sync_role_groups


@receiver(post_save, sender=Business, dispatch_uid="complaints_follow_business")
def business_identity_changed(sender, instance, created=False, **kwargs):
    if not created:
        Complaint.objects.filter(application__business=instance).exclude(
            region_id=instance.region_id, industry_id=instance.industry_id
        ).update(region_id=instance.region_id, industry_id=instance.industry_id)


@receiver(post_migrate)
def create_role_groups(sender, app_config=None, **kwargs):
    if app_config is None or app_config.label not in {"certification", "cms", "wagtailadmin"}:
        return
    sync_role_groups()
