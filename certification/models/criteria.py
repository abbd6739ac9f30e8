from django.db import IntegrityError, models, transaction
from django.utils import timezone

from ..criteria import Criteria


class CriteriaSnapshotQuerySet(models.QuerySet):
    def for_criteria(self, criteria):
        """The snapshot of `criteria`, stored now if this version has none yet."""
        version = criteria.version
        existing = self.filter(version=version).first()
        if existing:
            return existing
        try:
            with transaction.atomic():
                return self.create(version=version, data=criteria.as_data())
        except IntegrityError:  # created at the same moment by another request
            return self.get(version=version)


class CriteriaSnapshot(models.Model):
    """A frozen copy of the published criteria. Applications point at the one live when submitted.

    The version is a digest of the content, so the same published criteria always give the same
    snapshot and any edit gives a new one.
    """

    version = models.CharField("版本", max_length=16, unique=True)
    data = models.JSONField("内容")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CriteriaSnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "评价标准版本"
        verbose_name_plural = "评价标准版本"

    def __str__(self):
        return f"评价标准 {self.label}"

    @property
    def label(self):
        """What people read instead of the digest: "2026 版（2026-03-01 起）", and "2026 版第 2 次修订（…）"
        for a later version of the same year."""
        since = timezone.localtime(self.created_at)
        earlier = CriteriaSnapshot.objects.filter(
            created_at__year=since.year, created_at__lt=self.created_at
        ).count()
        edition = f"{since.year} 版" if not earlier else f"{since.year} 版第 {earlier + 1} 次修订"
        return f"{edition}（{since:%Y-%m-%d} 起）"

    def as_criteria(self):
        return Criteria.from_data(self.data)
