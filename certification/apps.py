from django.apps import AppConfig


class CertificationConfig(AppConfig):
    name = "certification"
    verbose_name = "放心消费示范单位创建"

    def ready(self):
        from . import public_cache, signals  # noqa: F401  (receivers: role groups, public cache invalidation)
