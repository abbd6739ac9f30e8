from django.apps import AppConfig


class CertificationConfig(AppConfig):
    name = "certification"
    verbose_name = "放心消费示范单位创建"

    def ready(self):
        # Imported for their side effects once the models are ready: signal receivers (role groups,
        # public cache invalidation) and system checks (the workflow's declarations).
        from . import checks, public_cache, signals  # noqa: F401
